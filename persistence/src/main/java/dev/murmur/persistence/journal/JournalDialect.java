package dev.murmur.persistence.journal;

/** The databases the JDBC journal runs on, with what each needs: driver, Slick profile, schema. */
public enum JournalDialect {
    /** Embedded, a file under data/: one node, no server to run. */
    H2("org.h2.Driver", "slick.jdbc.H2Profile$", "schema/h2.sql"),
    /** A server every node of a cluster reaches. */
    POSTGRES("org.postgresql.Driver", "slick.jdbc.PostgresProfile$", "schema/postgres.sql");

    private final String driver;
    private final String slickProfile;
    private final String schemaResource;

    JournalDialect(String driver, String slickProfile, String schemaResource) {
        this.driver = driver;
        this.slickProfile = slickProfile;
        this.schemaResource = schemaResource;
    }

    public String driver() {
        return driver;
    }

    public String slickProfile() {
        return slickProfile;
    }

    /** Classpath resource with the idempotent CREATE statements. */
    public String schemaResource() {
        return schemaResource;
    }

    /** Table names as the dialect's SQL must spell them (H2's schema quotes lower-case names). */
    String table(String name) {
        return this == H2 ? "PUBLIC.\"" + name + "\"" : "public." + name;
    }

    String column(String name) {
        return this == H2 ? "\"" + name + "\"" : name;
    }
}
