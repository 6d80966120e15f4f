package continuum.platform.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The lock a running Continuum server holds on its data directory, so that a second
 * server can never start on the same database files. Operator commands that find it held
 * attach to the running server's database instead.
 */
final class DataDirectoryLock implements AutoCloseable {

	private final FileChannel channel;

	private final FileLock lock;

	private DataDirectoryLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/** The lock, or empty if another process holds it. */
	static Optional<DataDirectoryLock> tryAcquire(Path dataDir) throws IOException {
		FileChannel channel = FileChannel.open(dataDir.resolve("continuum.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		try {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				channel.close();
				return Optional.empty();
			}
			return Optional.of(new DataDirectoryLock(channel, lock));
		}
		catch (OverlappingFileLockException ex) {
			channel.close();
			return Optional.empty();
		}
	}

	@Override
	public void close() throws IOException {
		lock.release();
		channel.close();
	}

}
