/**
 * A compatibility class for DL4J 1.0.0-M2.1's oneDNN helper probe, which looks for a class of the
 * natives under a name they no longer use ({@link org.nd4j.nativeblas.Nd4jCpu}). It lives in ND4J's
 * package because DL4J looks it up by that fully qualified name; the project's own code is under
 * {@code io.salr} and reaches it only through {@link io.salr.optimizers.dl4j.zoo.Execution}.
 */
package org.nd4j.nativeblas;
