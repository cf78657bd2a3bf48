package dev.netx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.netx");

    @Test
    void coreDependsOnNothingOfSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(CORE);
    }

    @Test
    void publicApiDoesNotExposeInternalTypes() {
        methods().that().arePublic().and().areDeclaredInClassesThat().resideInAnyPackage("dev.netx", "dev.netx.spi")
                .should().haveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a type outside dev.netx.internal",
                        (com.tngtech.archunit.core.domain.JavaClass type) -> !type.getPackageName()
                                .startsWith("dev.netx.internal")))
                .check(CORE);
    }
}
