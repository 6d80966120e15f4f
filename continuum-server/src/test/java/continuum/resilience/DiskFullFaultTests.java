package continuum.resilience;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import continuum.platform.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The data directory's disk fills up under a mixed write load, then is freed: the server
 * on the embedded database, its data directory on a small disk of its own (a tmpfs;
 * mounting one needs root, and without it the test is skipped and says why). While the
 * disk is full writes fail with a clear 503 (never a 500) — the disk stays full until one
 * has, however few writes a loaded machine manages — and once space is freed, writes are
 * acknowledged again without a restart, and the database holds exactly what the clients
 * were told ({@link FaultRun}).
 */
class DiskFullFaultTests {

	@TempDir
	Path temp;

	Path disk;

	boolean mounted;

	@BeforeEach
	void mountASmallDisk() throws Exception {
		disk = temp.resolve("disk");
		Files.createDirectories(disk);
		Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=640m", "tmpfs", disk.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(mount.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		boolean done = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
		assumeThat(done).as("mounting a tmpfs for the data directory needs root (%s)", output.trim()).isTrue();
		mounted = true;
	}

	@AfterEach
	void unmount() throws Exception {
		if (mounted) {
			new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void aFullDiskRefusesWritesClearlyAndTheyResumeOnceSpaceIsFreed() throws Exception {
		Path data = disk.resolve("data");
		try (ServerProcess server = ServerProcess.start(data, Map.of("CONTINUUM_DEMO_PATIENTS", "20"))) {
			FaultRun run = new FaultRun(new FaultRun.Target() {
				@Override
				public List<String> nodes() {
					return List.of(server.baseUrl());
				}

				@Override
				public Connection primary() throws Exception {
					return ServerProcess.connect(data);
				}
			}, 4);
			Path ballast = disk.resolve("ballast");
			FaultRun.Result result = run.run("data directory's disk full for 15 s or more", Duration.ofSeconds(6),
					Duration.ofSeconds(15), Duration.ofSeconds(90), () -> {
						fill(ballast);
						return () -> {
							Files.delete(ballast);
							Files.deleteIfExists(rest(ballast));
							return null;
						};
					});
			assertThat(result.failedAfterFault()).as("writes refused while the disk was full").isPositive();
		}
	}

	private static Path rest(Path ballast) {
		return ballast.resolveSibling(ballast.getFileName() + "-rest");
	}

	/** Takes every free byte of the disk with a file of real (allocated) blocks. */
	private void fill(Path ballast) throws Exception {
		long free = Files.getFileStore(disk).getUsableSpace();
		Process fallocate = new ProcessBuilder("fallocate", "-l", Long.toString(free), ballast.toString())
			.redirectErrorStream(true)
			.start();
		fallocate.waitFor(30, TimeUnit.SECONDS);
		// Whatever is left (a few blocks the allocation could not take) goes to a second
		// file.
		long left = Files.getFileStore(disk).getUsableSpace();
		if (left > 0) {
			new ProcessBuilder("fallocate", "-l", Long.toString(left), rest(ballast).toString()).start()
				.waitFor(30, TimeUnit.SECONDS);
		}
	}

}
