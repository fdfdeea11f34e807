package io.salr.harness.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of the project depends on itself through other packages: dependencies point one way inside
 * every module as they do between modules. The harness's test class path holds every module's classes.
 */
class PackageCyclesTest {

    private static final JavaClasses PROJECT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.salr");

    @Test
    void noPackageCycles() {
        // each package is a slice of its own (io.salr.analysis.compare, io.salr.optimizers.dl4j.zoo, ...)
        slices().matching("io.salr.(**)").should().beFreeOfCycles().check(PROJECT);
    }
}
