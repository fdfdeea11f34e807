/**
 * The methods of Section VI as typed, validated specifications: {@link io.salr.optimizers.spec.Method}
 * names them and says what they are made of; a {@link io.salr.optimizers.spec.MethodSpec} holds every
 * parameter with its default, knows its cost per iteration and binds to the optimizers' configuration
 * once the run's shape is known. Defaults live here and nowhere else.
 */
package io.salr.optimizers.spec;
