package io.salr.datasets.real;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Parser for the IDX format of MNIST and Fashion-MNIST (unsigned-byte data only): a 4-byte magic number
 * {@code 00 00 08 nd}, {@code nd} big-endian 32-bit dimensions, then the data in C order. The header must
 * agree exactly with the file's length.
 */
final class IdxReader {

    /** IDX type code for unsigned bytes. */
    static final int UBYTE = 0x08;

    private IdxReader() {
    }

    /** Images read from an IDX3 file: {@code count} images of {@code rows x cols} raw bytes. */
    record Images(DataFiles.Content file, int count, int rows, int cols, int offset) {
    }

    /** Labels read from an IDX1 file: {@code count} raw label bytes. */
    record Labels(DataFiles.Content file, int count, int offset) {
    }

    static Images readImages(Path path) {
        DataFiles.Content c = DataFiles.read(path, 4 + 4 * 3, head -> declaredLength(head, 3));
        int[] dims = header(c, 3);
        return new Images(c, dims[0], dims[1], dims[2], 4 + 4 * 3);
    }

    static Labels readLabels(Path path) {
        DataFiles.Content c = DataFiles.read(path, 4 + 4, head -> declaredLength(head, 1));
        int[] dims = header(c, 1);
        return new Labels(c, dims[0], 4 + 4);
    }

    /**
     * The length of the whole file that a valid header declares (header and data), or -1 when {@code head} is
     * no valid header of {@code dims} dimensions ({@link #header} then says what is wrong).
     */
    static long declaredLength(byte[] head, int dims) {
        int headerLength = 4 + 4 * dims;
        if (head.length < headerLength || readInt(head, 0) != ((UBYTE << 8) | dims)) {
            return -1;
        }
        long product = 1;
        for (int i = 0; i < dims; i++) {
            int d = readInt(head, 4 + 4 * i);
            if (d < 1) {
                return -1;
            }
            product *= d;
            if (product > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return headerLength + product;
    }

    /** Reads and checks the header; returns the dimensions. */
    private static int[] header(DataFiles.Content c, int expectedDims) {
        byte[] b = c.content();
        Path p = c.path();
        int expectedMagic = (UBYTE << 8) | expectedDims;
        if (b.length < 4) {
            throw new DatasetFormatException(p, "too short for an IDX header: " + b.length + " bytes");
        }
        int magic = readInt(b, 0);
        if (magic != expectedMagic) {
            throw new DatasetFormatException(p, String.format(Locale.ROOT,
                    "wrong magic number 0x%08x, expected 0x%08x (IDX unsigned bytes, %d dimension%s)", magic,
                    expectedMagic, expectedDims, expectedDims == 1 ? "" : "s"));
        }
        int headerLength = 4 + 4 * expectedDims;
        if (b.length < headerLength) {
            throw new DatasetFormatException(p, "truncated IDX header: " + b.length + " bytes, expected "
                    + headerLength);
        }
        int[] dims = new int[expectedDims];
        long product = 1;
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < expectedDims; i++) {
            dims[i] = readInt(b, 4 + 4 * i);
            if (dims[i] < 1) {
                throw new DatasetFormatException(p, "IDX dimension " + i + " is " + dims[i] + ", must be >= 1");
            }
            product *= dims[i];
            if (product > Integer.MAX_VALUE) {
                throw new DatasetFormatException(p, "IDX dimensions too large: product exceeds "
                        + Integer.MAX_VALUE + " bytes");
            }
            shape.append(i == 0 ? "" : " x ").append(dims[i]);
        }
        long data = b.length - (long) headerLength;
        if (data < product) {
            throw new DatasetFormatException(p, "truncated: header declares " + shape + " = " + product
                    + " data bytes but only " + data + " follow the header");
        }
        if (data > product) {
            throw new DatasetFormatException(p, "header declares " + shape + " = " + product
                    + " data bytes but " + data + " follow the header (" + (data - product) + " trailing bytes)");
        }
        return dims;
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
