package continuum.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The operating-system account the PostgreSQL server runs as. PostgreSQL refuses to run
 * as root, so when Continuum itself runs as root the server runs as the {@code postgres}
 * account (or {@code nobody}) instead; otherwise it runs as the current user.
 */
record OsUser(String name) {

	static OsUser forServer() throws IOException {
		if (!"root".equals(System.getProperty("user.name"))) {
			return new OsUser(null);
		}
		for (String candidate : List.of("postgres", "nobody")) {
			if (exists(candidate)) {
				return new OsUser(candidate);
			}
		}
		throw new IOException("Continuum runs as root and no unprivileged account (postgres, nobody) exists to run "
				+ "PostgreSQL; run Continuum as an ordinary user");
	}

	private static boolean exists(String user) {
		try {
			Process p = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			return p.waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	boolean switches() {
		return name != null;
	}

	List<String> wrap(List<String> command) {
		if (!switches()) {
			return command;
		}
		List<String> wrapped = new ArrayList<>(
				List.of("setpriv", "--reuid=" + name, "--regid=" + group(), "--clear-groups", "--"));
		wrapped.addAll(command);
		return wrapped;
	}

	private String group() {
		return "postgres".equals(name) ? "postgres" : "nogroup";
	}

	/** Gives the server account ownership of {@code path} and everything below it. */
	void own(Path path) throws IOException {
		if (!switches()) {
			return;
		}
		UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
		UserPrincipal user = lookup.lookupPrincipalByName(name);
		GroupPrincipal group = lookup.lookupPrincipalByGroupName(group());
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path p : paths.toList()) {
				PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
						java.nio.file.LinkOption.NOFOLLOW_LINKS);
				view.setOwner(user);
				view.setGroup(group);
			}
		}
	}

	/**
	 * Lets the server account traverse into the data directory: adds search permission
	 * (not listing) to the data directory and to those of its parents that root owns and
	 * that lack it.
	 */
	void prepareTraversal(Path dataDir) throws IOException {
		if (!switches()) {
			return;
		}
		for (Path dir = dataDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
			if (permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
				continue;
			}
			if (!"root".equals(Files.getOwner(dir).getName())) {
				throw new IOException("PostgreSQL (running as " + name + ") cannot reach " + dataDir + " because " + dir
						+ " is not searchable by other users");
			}
			permissions.add(PosixFilePermission.OTHERS_EXECUTE);
			Files.setPosixFilePermissions(dir, permissions);
		}
	}

}
