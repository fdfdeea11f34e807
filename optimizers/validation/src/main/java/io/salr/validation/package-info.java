/**
 * Parameter guards shared by every configuration record: fail fast, name the field and the value
 * (STYLE rule 7). Nothing here replaces a bad value silently.
 */
package io.salr.validation;
