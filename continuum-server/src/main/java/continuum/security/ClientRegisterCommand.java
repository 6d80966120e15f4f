package continuum.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./continuum client register ID PUBLIC_KEY_FILE [SCOPES]}: registers a system
 * client (or replaces its keys and scopes) from the operator's shell, as
 * {@code /admin/clients} does for an administrator; for a downtime node, whose public key
 * {@code ./continuum downtime public-key} prints. Exit code 0 when registered, 2 when the
 * key, the scopes or the account are refused (the reason is printed).
 */
@Component
@ConditionalOnProperty(name = "continuum.command", havingValue = "client-register")
class ClientRegisterCommand implements ApplicationRunner, ExitCodeGenerator {

	static final int REFUSED = 2;

	private final SystemClientService clients;

	private int exitCode;

	ClientRegisterCommand(SystemClientService clients) {
		this.clients = clients;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> words = args.getNonOptionArgs();
		if (words.size() < 2 || words.size() > 3) {
			System.out.println("usage: ./continuum client register ID PUBLIC_KEY_FILE [SCOPES]");
			exitCode = REFUSED;
			return;
		}
		String keys;
		try {
			keys = Files.readString(Path.of(words.get(1)));
		}
		catch (IOException ex) {
			System.out.println("Cannot read " + words.get(1) + ": " + ex.getMessage());
			exitCode = REFUSED;
			return;
		}
		try {
			SystemClient client = clients.registerAsOperator(words.get(0), keys, words.size() == 3 ? words.get(2) : "",
					"operator (" + System.getProperty("user.name", "?") + ")");
			System.out.println("Registered system client " + client.clientId() + " with scope "
					+ String.join(" ", client.scopes()) + ": it obtains tokens with its key; a password is refused.");
			exitCode = 0;
		}
		catch (InvalidInputException | ConflictException ex) {
			System.out.println("Not registered: " + ex.getMessage());
			exitCode = REFUSED;
		}
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}

}
