package dev.murmur.node.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.Kryo;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.typesafe.config.ConfigFactory;
import dev.murmur.persistence.serialization.KryoFactory;
import dev.murmur.persistence.serialization.MurmurSerializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every concrete class of the broker marked {@link MurmurSerializable} has an explicit Kryo id
 * from the configured registrars, so no cluster message or journal event can miss one.
 */
class SerializationCoverageTest {

    @Test
    void everyMarkedClassIsRegistered() {
        List<String> names = new ArrayList<>();
        ConfigFactory.load().getConfig("murmur.serialization.registrars").root()
                .forEach((k, v) -> names.add((String) v.unwrapped()));
        Kryo kryo = new KryoFactory(KryoFactory.instantiate(names), null).create();

        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // persistence's test-jar (its embedded-PostgreSQL helpers) holds test-only messages
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.murmur")) {
            if (c.isInterface() || c.getModifiers().contains(JavaModifier.ABSTRACT)
                    || !c.isAssignableTo(MurmurSerializable.class)) {
                continue;
            }
            checked++;
            if (kryo.getClassResolver().getRegistration(c.reflect()) == null) {
                missing.add(c.getName());
            }
        }
        assertThat(missing).as("marked classes without a Kryo id (add them to a KryoRegistrar)").isEmpty();
        assertThat(checked).isGreaterThan(40);
    }
}
