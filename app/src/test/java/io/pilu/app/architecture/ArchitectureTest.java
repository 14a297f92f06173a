package io.pilu.app.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of Pilu's modules, checked on their compiled main classes.
 *
 * <p>It lives in {@code app}'s tests because {@code app} is the one module that depends on every other one: its test
 * classpath holds the main classes of model, service, ingest, enrich, sink, infra and testkit, and app's own, which
 * the rule "nothing depends on app" needs to see from both sides. A module added later is checked once app depends on
 * it (every service is wired into {@code pilu}); {@link #everyModuleIsImported} names the ones expected today.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pilu");
    }

    @Test
    void everyModuleIsImported() {
        Set<String> packages = main.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        assertThat(packages)
                .contains(
                        "io.pilu.model",
                        "io.pilu.service",
                        "io.pilu.ingest.crawl",
                        "io.pilu.enrich.extract",
                        "io.pilu.enrich.topology",
                        "io.pilu.sink",
                        "io.pilu.analytics",
                        "io.pilu.web",
                        "io.pilu.infra",
                        "io.pilu.testkit",
                        "io.pilu.app");
        assertThat(packages).as("test classes are not part of the rules").doesNotContain("io.pilu.app.architecture");
    }

    /** The extraction core is plain Java on a string: no Kafka, no Jackson, no I/O library, nothing of the services. */
    @Test
    void theExtractionCoreDependsOnlyOnJavaTheModelAndAhoCorasick() {
        ArchRule rule = classes()
                .that()
                .resideInAPackage("io.pilu.enrich.extract..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.pilu.model..", "io.pilu.enrich.extract..", "org.ahocorasick..")
                .because("the extraction core is testable on a string and reusable without Kafka (ARCHITECTURE.md)");
        rule.check(main);
    }

    /** {@code app} composes the services; a service that reached back into it would tie every module to the CLI. */
    @Test
    void noModuleDependsOnTheApp() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackage("io.pilu.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.pilu.app..")
                .because("app wires the modules together; they must not know it");
        rule.check(main);
    }

    /** The events on the topics are the contract every stage shares; they depend on none of the stages. */
    @Test
    void theModelDependsOnNothingOfOurs() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("io.pilu.model..")
                .should()
                .dependOnClassesThat(resideInAPackage("io.pilu..").and(resideOutsideOfPackage("io.pilu.model..")))
                .because("the model is the shared contract of all stages");
        rule.check(main);
    }
}
