package dev.murmur.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module picture of design.md, enforced by the build. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.murmur");

    @Test
    void protocolImportsNeitherPekkoNorNetty() {
        noClasses().that().resideInAPackage("dev.murmur.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "io.netty..", "scala..")
                .check(MAIN);
    }

    @Test
    void protocolDoesNotDependOnTheBroker() {
        noClasses().that().resideInAPackage("dev.murmur.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.murmur.node..", "dev.murmur.persistence..")
                .check(MAIN);
    }

    @Test
    void nothingUsesJavaSerialization() {
        noClasses().that().resideInAnyPackage("dev.murmur.node..", "dev.murmur.persistence..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.pekko.serialization.JavaSerializer")
                .check(MAIN);
    }

    @Test
    void securityBuildingBlocksStayBelowTheEdgeAndTheConnection() {
        noClasses().that().resideInAnyPackage("dev.murmur.node.auth..", "dev.murmur.node.acl..", "dev.murmur.node.tls..",
                        "dev.murmur.node.proxy..", "dev.murmur.node.limits..", "dev.murmur.node.watch..",
                        "dev.murmur.node.security..", "dev.murmur.node.ws..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.murmur.node.edge..", "dev.murmur.node.connection..")
                .check(MAIN);
    }
}
