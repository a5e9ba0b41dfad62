/**
 * Model specs (sealed records with defaults and checks) and their seeded fits over Smile and the own engines.
 * Layer values: uses io and splits (Seeds).
 */
package org.crystalbench.models;
