package dev.custos.scheduler.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;

import dev.custos.common.CustosException;
import dev.custos.common.command.CommandException;
import dev.custos.scheduler.CustosApplication;

/** The Spring application one command runs in, configured by --config, env and --name=value. */
final class CustosContext implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private CustosContext(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static CustosContext start(Path config, List<String> springOverrides, Mode mode) {
        // the operator's --name=value wins over the mode's setting of the same name (Spring would join both)
        Set<String> overridden = springOverrides.stream().map(CustosContext::propertyName).collect(Collectors.toSet());
        List<String> args = new ArrayList<>(mode.springArguments().stream()
                .filter(argument -> !overridden.contains(propertyName(argument))).toList());
        Path configFile = config != null ? config : configFromEnvironment();
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new EnvironmentException("config file " + configFile + " not found");
            }
            args.add("--spring.config.import=file:" + configFile.toAbsolutePath().normalize());
        }
        args.addAll(springOverrides);
        SpringApplication application = new SpringApplication(CustosApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        application.addListeners(new CommandLogFile());
        try {
            return new CustosContext(application.run(args.toArray(String[]::new)));
        } catch (RuntimeException e) {
            PortInUseException portInUse = findCause(e, PortInUseException.class);
            if (portInUse != null) {
                throw new EnvironmentException("port " + portInUse.getPort()
                        + " is in use: stop what listens there or set server.port", e);
            }
            CustosException operatorError = Failures.operatorError(e);
            if (operatorError instanceof EnvironmentException || operatorError instanceof UsageException
                    || operatorError instanceof CommandException) {
                throw operatorError;
            }
            if (operatorError != null) {
                // a setting refused while the application starts (a key file, a source, the store) is configuration
                throw new EnvironmentException(operatorError.getMessage(), e);
            }
            String setup = Failures.databaseSetupMessage(e);
            if (setup != null) {
                throw new EnvironmentException(setup, e);
            }
            throw new EnvironmentException((Failures.isUnreachable(e) ? "cannot reach the database: " : "cannot start: ")
                    + Failures.rootMessage(e), e);
        }
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** {@code --name=value} -> {@code name}. */
    private static String propertyName(String argument) {
        int equals = argument.indexOf('=');
        return argument.substring(2, equals < 0 ? argument.length() : equals);
    }

    private static Path configFromEnvironment() {
        String value = System.getenv("CUSTOS_CONFIG");
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
