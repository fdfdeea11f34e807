/**
 * The edge between typed values and the plain trees (maps, lists, scalars) that JSON and YAML writers take: the one
 * package of the harness where {@code Map<String, Object>} is meant to live. It describes the optimizers' configurations
 * by matching their sealed types, so the configurations themselves expose typed accessors only.
 *
 * <p>Dependencies point one way: this package depends on the optimizers' modules and on nothing else of the harness;
 * the harness's services ({@code run}, {@code sweep}, {@code cli}, {@code bench}) call it.
 */
package io.salr.harness.codec;
