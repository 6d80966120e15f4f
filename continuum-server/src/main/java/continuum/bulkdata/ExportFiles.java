package continuum.bulkdata;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import continuum.platform.PlatformSettings;
import org.springframework.stereotype.Component;

/**
 * The files of the exports: one directory per export, one newline-delimited JSON file per
 * resource type. While the export runs a file is {@code <Type>.ndjson.part}, appended a
 * page at a time and flushed to disk before the page commits; a page that did not commit
 * is cut off again before the next is written. When the export completes each file is cut
 * to its committed length and renamed to {@code <Type>.ndjson} in one atomic step, so a
 * download never sees a file being written.
 */
@Component
class ExportFiles {

	private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");

	private final Path root;

	ExportFiles(BulkDataSettings settings, PlatformSettings platform) {
		String dir = settings.dir();
		this.root = (dir == null || dir.isBlank() ? Path.of(platform.data().dir()).resolve("bulk-export")
				: Path.of(dir))
			.toAbsolutePath()
			.normalize();
	}

	/** A writer for one page of the export, on top of what has committed. */
	PageWriter page(String jobId, List<ExportFile> committed) {
		Map<String, ExportFile> files = new LinkedHashMap<>();
		committed.forEach(file -> files.put(file.resourceType(), file));
		return new PageWriter(directory(jobId), files);
	}

	/** Cuts each file to its committed length and gives it its final name. */
	void publish(String jobId, List<ExportFile> committed) {
		Path directory = directory(jobId);
		try {
			for (ExportFile file : committed) {
				Path part = directory.resolve(file.name() + ".part");
				try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
					channel.truncate(file.bytes());
					channel.force(true);
				}
				Files.move(part, directory.resolve(file.name()), StandardCopyOption.ATOMIC_MOVE,
						StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Export " + jobId + ": its files could not be published", ex);
		}
	}

	/** A completed export's file, if the name is one of its files. */
	Optional<Path> published(String jobId, String name) {
		if (!name.endsWith(".ndjson") || !TYPE.matcher(name.substring(0, name.length() - 7)).matches()) {
			return Optional.empty();
		}
		Path file = directory(jobId).resolve(name);
		return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
	}

	/** Removes the export's directory and everything in it. */
	void delete(String jobId) {
		Path directory = directory(jobId);
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> tree = Files.walk(directory)) {
			for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
				try {
					Files.deleteIfExists(path);
				}
				catch (NoSuchFileException ignored) {
					// gone already
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Export " + jobId + ": its files could not be removed", ex);
		}
	}

	private Path directory(String jobId) {
		if (!JOB_ID.matcher(jobId).matches()) {
			throw new IllegalArgumentException("Not an export id: " + jobId);
		}
		return root.resolve(jobId);
	}

	/**
	 * Appends one page's resources to the export's files: each file is first cut back to
	 * its committed length (what a page that did not commit left behind goes), then
	 * written through a buffer; {@link #flush} puts everything on disk and answers the
	 * files' new lengths, for the page's transaction to commit.
	 */
	static final class PageWriter implements AutoCloseable {

		private final Path directory;

		private final Map<String, ExportFile> committed;

		private final Map<String, Output> open = new LinkedHashMap<>();

		PageWriter(Path directory, Map<String, ExportFile> committed) {
			this.directory = directory;
			this.committed = committed;
		}

		/** Appends one line (a resource's JSON, without its newline). */
		void write(String resourceType, byte[] json) {
			try {
				Output output = open.get(resourceType);
				if (output == null) {
					output = open(resourceType);
					open.put(resourceType, output);
				}
				output.stream.write(json);
				output.stream.write('\n');
				output.bytes += json.length + 1;
				output.resources++;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Export file " + resourceType + " could not be written", ex);
			}
		}

		/**
		 * Everything written on disk; the files this page changed, with their new
		 * lengths.
		 */
		List<ExportFile> flush() {
			List<ExportFile> changed = new ArrayList<>();
			try {
				for (var entry : open.entrySet()) {
					Output output = entry.getValue();
					output.stream.flush();
					output.channel.force(false);
					changed.add(new ExportFile(entry.getKey(), output.bytes, output.resources));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Export files could not be flushed", ex);
			}
			return changed;
		}

		private Output open(String resourceType) throws IOException {
			Files.createDirectories(directory);
			ExportFile file = committed.getOrDefault(resourceType, new ExportFile(resourceType, 0, 0));
			FileChannel channel = FileChannel.open(directory.resolve(file.name() + ".part"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			channel.truncate(file.bytes());
			channel.position(file.bytes());
			return new Output(channel, new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16),
					file.bytes(), file.resources());
		}

		@Override
		public void close() {
			for (Output output : open.values()) {
				try {
					output.channel.close();
				}
				catch (IOException ignored) {
					// the page is over either way; the next cuts the file back
				}
			}
		}

		private static final class Output {

			final FileChannel channel;

			final OutputStream stream;

			long bytes;

			long resources;

			Output(FileChannel channel, OutputStream stream, long bytes, long resources) {
				this.channel = channel;
				this.stream = stream;
				this.bytes = bytes;
				this.resources = resources;
			}

		}

	}

}
