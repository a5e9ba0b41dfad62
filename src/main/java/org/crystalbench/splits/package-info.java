/**
 * How rows are divided: protocols, split ids, stratified and grouped splits and the one registry of named seed
 * streams (Seeds). Layer values: uses io.
 */
package org.crystalbench.splits;
