package dev.custos.common.command;

import java.nio.file.Path;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Custos application as a contributed command ({@link ControlCommandLine}) runs in it,
 * configured like every command: by {@code --config FILE} (default: env {@code CUSTOS_CONFIG}),
 * the environment and {@code --name=value} arguments.
 */
public interface CommandApplication {

    /** The description of a command's {@code --config FILE} option, the same on every command. */
    String CONFIG_DESCRIPTION = "properties file (default: env CUSTOS_CONFIG); --name=value overrides any property";

    /**
     * Starts the application for reading: beans created when first asked for, no migrations, no
     * Quartz. {@code config} may be null. The caller closes it; a start that fails throws the
     * operator's one-line message.
     */
    ConfigurableApplicationContext startReadOnly(Path config);
}
