/**
 * Chemistry as plain values: the formula parser, element data (CDK) and the composition and cell descriptors.
 * Layer values: uses nothing of the project.
 */
package org.crystalbench.chemistry;
