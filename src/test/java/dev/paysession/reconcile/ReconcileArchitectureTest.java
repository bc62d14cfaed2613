package dev.paysession.reconcile;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The runner serves every feature's jobs, so it knows none of them: jobs plug in as beans. */
class ReconcileArchitectureTest {

  @Test
  void reconciliationKnowsNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("..reconcile..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..session..", "..order..", "..merchant..", "..checkout..", "..webhook..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.paysession.reconcile"));
  }
}
