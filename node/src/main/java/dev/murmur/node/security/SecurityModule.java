package dev.murmur.node.security;

import com.typesafe.config.Config;
import dev.murmur.node.acl.AclAuthorizer;
import dev.murmur.node.auth.AllowAllAuthorizer;
import dev.murmur.node.auth.Authenticator;
import dev.murmur.node.auth.Authorizer;
import dev.murmur.node.auth.BuiltInAuthenticator;
import dev.murmur.node.auth.PasswordFile;
import dev.murmur.node.config.InvalidSettingException;
import dev.murmur.node.config.SecuritySettings;
import dev.murmur.node.watch.FileFormatException;
import dev.murmur.node.watch.ReloadRegistry;
import dev.murmur.node.watch.ReloadingFile;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's authenticator and authorizer, built from murmur.auth: the built-ins (password file,
 * certificate identity, ACL file, all re-read on change) or SPI classes named in the config.
 * Whatever authenticates, the connection applies the authorizer's connect rule (bans) after it.
 */
public record SecurityModule(Authenticator authenticator, Authorizer authorizer, ExecutorService verifier) {

    public static SecurityModule create(SecuritySettings s, Config config, ReloadRegistry reloads) {
        Authorizer authorizer = authorizer(s, config, reloads);
        ExecutorService verifier = verifierPool(s);
        Authenticator authenticator;
        if (SecuritySettings.BUILTIN.equals(s.authenticator())) {
            ReloadingFile<Map<String, String>> passwords = null;
            if (s.passwordFile() != null) {
                try {
                    passwords = new ReloadingFile<>("password-file", s.passwordFile(), PasswordFile::parse);
                } catch (FileFormatException e) {
                    throw new InvalidSettingException("murmur.auth.password-file", s.passwordFile() + " " + e.getMessage());
                }
                reloads.register(passwords, s.reloadInterval());
            }
            authenticator = new BuiltInAuthenticator(passwords, s.certificateIdentity(), verifier,
                    s.verifiedCacheSize());
        } else {
            authenticator = instantiate(s.authenticator(), Authenticator.class, config, "murmur.auth.authenticator");
        }
        return new SecurityModule(authenticator, authorizer, verifier);
    }

    private static Authorizer authorizer(SecuritySettings s, Config config, ReloadRegistry reloads) {
        if (!SecuritySettings.BUILTIN.equals(s.authorizer())) {
            return instantiate(s.authorizer(), Authorizer.class, config, "murmur.auth.authorizer");
        }
        if (s.aclFile() == null) {
            return AllowAllAuthorizer.INSTANCE;
        }
        try {
            AclAuthorizer acl = new AclAuthorizer(s.aclFile());
            reloads.register(acl.reloadable(), s.reloadInterval());
            return acl;
        } catch (FileFormatException e) {
            throw new InvalidSettingException("murmur.auth.acl-file", s.aclFile() + " " + e.getMessage());
        }
    }

    /** Bounded: a CONNECT that cannot even queue for a password check is answered 0x89 at once. */
    private static ExecutorService verifierPool(SecuritySettings s) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(s.verifyThreads(), s.verifyThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(s.verifyQueue()), r -> {
                    Thread t = new Thread(r, "murmur-password-verifier-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        return pool;
    }

    /** An SPI class: public constructor taking the node's Config, else a public no-argument one. */
    static <T> T instantiate(String className, Class<T> type, Config config, String key) {
        try {
            Class<?> c = Class.forName(className);
            if (!type.isAssignableFrom(c)) {
                throw new InvalidSettingException(key, className + " does not implement " + type.getName());
            }
            try {
                return type.cast(c.getConstructor(Config.class).newInstance(config));
            } catch (NoSuchMethodException e) {
                return type.cast(c.getConstructor().newInstance());
            }
        } catch (ClassNotFoundException e) {
            throw new InvalidSettingException(key, "class not found: " + className);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new InvalidSettingException(key, className + " needs a public constructor taking a Config, or none");
        } catch (InvocationTargetException e) {
            throw new InvalidSettingException(key, className + " failed to start: " + e.getCause());
        }
    }
}
