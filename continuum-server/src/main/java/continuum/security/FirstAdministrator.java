package continuum.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import continuum.platform.PlatformSettings;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On a system started without the demo hospital and without any account, creates the
 * first administrator with a generated password, kept in
 * {@code <data dir>/secrets/admin-password} (its path printed once), so that someone can
 * sign in and create the real accounts. Whoever signs in with it first must choose a
 * password of their own: the file's may have been read by others.
 */
@Component
@Order(1)
class FirstAdministrator implements ApplicationRunner {

	private final StaffRepository accounts;

	private final StaffService staff;

	private final PlatformSettings settings;

	FirstAdministrator(StaffRepository accounts, StaffService staff, PlatformSettings settings) {
		this.accounts = accounts;
		this.staff = staff;
		this.settings = settings;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		if (settings.command() != null || accounts.any()) {
			return;
		}
		String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		Path file = Path.of(settings.data().dir()).resolve("secrets").resolve("admin-password");
		Files.createDirectories(file.getParent());
		Files.writeString(file, password.toString(), StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		staff.createInitial(
				new NewStaffMember("admin", password.toString(), Role.ADMIN, "Administrator", "First", null), true);
		System.out.println("\nCreated the first administrator account 'admin'; its password is in " + file
				+ ". Sign in to the web UI with it: you will be asked to choose your own before anything else.\n");
	}

}
