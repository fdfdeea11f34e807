package io.salr.datasets.real;

/** How image features are laid out in an ND4J minibatch. */
public enum FeatureLayout {
    /** Four dimensions {@code [batch, channels, height, width]}, for convolutional networks. */
    NCHW,
    /** Two dimensions {@code [batch, channels*height*width]} in C order, for multilayer perceptrons. */
    FLAT
}
