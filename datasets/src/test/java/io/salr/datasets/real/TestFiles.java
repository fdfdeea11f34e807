package io.salr.datasets.real;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX and CIFAR files for the tests, plain or gzipped. */
final class TestFiles {

    private TestFiles() {
    }

    /** An IDX3 unsigned-byte image file's bytes: {@code count x rows x cols}, pixel (i, p) = pixel(i, p). */
    static byte[] idxImages(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                b.put((byte) pixel(i, p));
            }
        }
        return b.array();
    }

    /** The test pattern: a value in [0, 255] depending on example and position, including 0 and 255. */
    static int pixel(int example, int position) {
        return (example * 37 + position * 11 + (position == 0 ? 255 : 0)) % 256;
    }

    /** An IDX1 unsigned-byte label file's bytes. */
    static byte[] idxLabels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x00000801).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    static byte[] gzip(byte[] bytes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} as {@code dir/name}, or gzipped as {@code dir/name.gz}; returns the path. */
    static Path write(Path dir, String name, byte[] bytes, boolean gzipped) {
        try {
            Files.createDirectories(dir);
            Path p = dir.resolve(gzipped ? name + ".gz" : name);
            Files.write(p, gzipped ? gzip(bytes) : bytes);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The four MNIST-layout files: 5 training images and 3 test images of 3 x 2, labels as given. */
    static void writeMnistLayout(Path dir, boolean gzipped, int[] trainLabels, int[] testLabels) {
        write(dir, Mnist.TRAIN_IMAGES, idxImages(trainLabels.length, 3, 2), gzipped);
        write(dir, Mnist.TRAIN_LABELS, idxLabels(trainLabels), gzipped);
        write(dir, Mnist.TEST_IMAGES, idxImages(testLabels.length, 3, 2), gzipped);
        write(dir, Mnist.TEST_LABELS, idxLabels(testLabels), gzipped);
    }

    /**
     * CIFAR records: each record's label bytes, then 3072 pixels where pixel j of record r has value
     * {@code cifarPixel(seed + r, j)}.
     */
    static byte[] cifarRecords(int seed, int[]... labelBytesPerRecord) {
        int labelBytes = labelBytesPerRecord[0].length;
        ByteBuffer b = ByteBuffer.allocate(labelBytesPerRecord.length * (labelBytes + 3072));
        for (int r = 0; r < labelBytesPerRecord.length; r++) {
            for (int l : labelBytesPerRecord[r]) {
                b.put((byte) l);
            }
            for (int j = 0; j < 3072; j++) {
                b.put((byte) cifarPixel(seed + r, j));
            }
        }
        return b.array();
    }

    static int cifarPixel(int record, int j) {
        return (record * 131 + j * 7 + j / 1024) % 256;
    }
}
