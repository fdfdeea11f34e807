package io.salr.datasets.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class PackagedTextsTest {

    @Test
    void theJargonFileNamesItsDebianPackageAndOtherFilesNone() {
        assertEquals(Optional.of("jargon-text"), PackagedTexts.debianPackage(PackagedTexts.JARGON_FILE));
        assertEquals(Optional.of("jargon-text"),
                PackagedTexts.debianPackage(Path.of("/usr/share/doc/jargon-text/../jargon-text/jargon.txt.gz")));
        assertTrue(PackagedTexts.debianPackage(Path.of("war-and-peace.txt")).isEmpty());
        assertTrue(PackagedTexts.hint(PackagedTexts.JARGON_FILE).contains("apt-get install jargon-text"));
        assertTrue(PackagedTexts.hint(Path.of("war-and-peace.txt")).contains("text:PATH"));
    }

    /** The installed package (./salr test installs it, as it does Fashion-MNIST): real UTF-8 text, split by position. */
    @Test
    @Tag("slow")
    void theInstalledJargonFileLoadsAsACharacterCorpus() {
        TextCorpus corpus = TextCorpus.load("text:" + PackagedTexts.JARGON_FILE, PackagedTexts.JARGON_FILE, TextConfig.DEFAULTS);
        assertTrue(corpus.train().textLength() > 1_500_000, "about 1.6 million training characters");
        assertEquals(corpus.train().textLength() / 19.0, corpus.validation().textLength(), corpus.train().textLength() / 1000.0,
                "the last 5% held out");
        assertTrue(corpus.vocabulary().size() > 60 && corpus.vocabulary().size() < 400, "vocabulary " + corpus.vocabulary().size());
    }
}
