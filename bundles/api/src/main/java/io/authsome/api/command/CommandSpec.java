package io.authsome.api.command;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares an {@link AuthsomeCommand} component, once: its name, its line in {@code help}, the
 * text of its {@code --help} and when it touches a secret. Put it beside {@code @Component} on the
 * command class; Declarative Services turns it into the service properties {@value
 * AuthsomeCommand#NAME}, {@value AuthsomeCommand#SUMMARY}, {@value AuthsomeCommand#DESCRIPTION}
 * and {@value AuthsomeCommand#SECRETS}. The console reads those properties (without activating
 * the command) to list and find commands, and gives the name and texts to picocli, so the
 * command's picocli {@code @Command}, when it has one, names neither: it only declares
 * subcommands or mixins.
 * <pre>
 * &#64;CommandSpec(name = "vault", summary = "Rekey the vault (new master key or passphrase)",
 *         secrets = AuthsomeCommand.SECRETS_ALWAYS)
 * &#64;Component(scope = ServiceScope.PROTOTYPE)
 * public final class VaultCommand implements AuthsomeCommand { ... }
 * </pre>
 *
 * @since 3.1
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface CommandSpec {
    /** Maps the elements to the {@code authsome.command.*} service properties. */
    String PREFIX_ = "authsome.command.";

    /** The command name typed by the user ({@value AuthsomeCommand#NAME}): lower case, digits and dashes. */
    String name();

    /** One line for {@code help} ({@value AuthsomeCommand#SUMMARY}), without a final period. */
    String summary();

    /**
     * The lines under the usage line of {@code --help} ({@value AuthsomeCommand#DESCRIPTION});
     * none: the summary, as a sentence.
     */
    String[] description() default {};

    /**
     * When an invocation reveals or changes a secret ({@value AuthsomeCommand#SECRETS}):
     * {@value AuthsomeCommand#SECRETS_ALWAYS}, or option names and action words (see
     * {@link AuthsomeCommand#SECRETS}); none: never.
     */
    String[] secrets() default {};
}
