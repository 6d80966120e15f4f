package continuum.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterOutputStream;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * One encrypted file of the backup directory. The content is compressed (Deflate) and cut
 * into chunks of at most 1 MiB, each sealed with AES-256-GCM under a nonce made of the
 * file's random prefix and the chunk's number; the header (format, key id, prefix), the
 * chunk's number and whether it is the last are authenticated with it, so a changed,
 * reordered, dropped or cut-off chunk fails to decrypt. Chunks keep memory flat: GCM
 * releases nothing of a sealed message until all of it is checked, and a relation file is
 * up to 1 GiB. Files are written to a temporary name, flushed and renamed, so a crash
 * leaves the old file or the whole new one.
 *
 * <pre>
 * header: "CNTBKP01" (8 bytes), key id (16 ASCII hex digits), nonce prefix (8 bytes)
 * chunk:  length of the sealed bytes | 0x80000000 on the last chunk (4 bytes), sealed bytes
 * </pre>
 */
final class EncryptedFile {

	private static final byte[] MAGIC = "CNTBKP01".getBytes(StandardCharsets.US_ASCII);

	private static final int HEADER = 32;

	static final int CHUNK = 1 << 20;

	static final int TAG_BITS = 128;

	static final int LAST = 0x80000000;

	private static final SecureRandom RANDOM = new SecureRandom();

	private EncryptedFile() {
	}

	/** The plaintext's size and SHA-256 (hexadecimal). */
	record Digest(long size, String sha256) {
	}

	/**
	 * Encrypts everything {@code in} gives into {@code target}; answers the plaintext's
	 * digest.
	 */
	static Digest write(InputStream in, Path target, BackupKey key) throws IOException {
		Files.createDirectories(target.getParent());
		Path temp = target.resolveSibling(target.getFileName() + ".tmp");
		MessageDigest sha = sha256();
		long size = 0;
		try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			OutputStream file = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
			byte[] header = header(key.id());
			file.write(header);
			ChunkSealer sealer = new ChunkSealer(file, header, key);
			Deflater deflater = new Deflater(Deflater.BEST_SPEED);
			try {
				DeflaterOutputStream deflate = new DeflaterOutputStream(sealer, deflater, 1 << 16);
				byte[] buffer = new byte[1 << 16];
				int n;
				while ((n = in.read(buffer)) > 0) {
					sha.update(buffer, 0, n);
					size += n;
					deflate.write(buffer, 0, n);
				}
				deflate.finish();
				sealer.sealLast();
				file.flush();
			}
			finally {
				deflater.end();
			}
			channel.force(true);
		}
		Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		return new Digest(size, HexFormat.of().formatHex(sha.digest()));
	}

	/**
	 * Encrypts the file at {@code source} (see
	 * {@link #write(InputStream, Path, BackupKey)}).
	 */
	static Digest copy(Path source, Path target, BackupKey key) throws IOException {
		try (InputStream in = Files.newInputStream(source)) {
			return write(in, target, key);
		}
	}

	/**
	 * Decrypts {@code source} into {@code out}; answers the plaintext's digest. A file of
	 * another key is {@link BackupCode#WRONG_KEY}; one that does not decrypt is
	 * {@link BackupCode#TAMPERED}.
	 */
	static Digest read(Path source, BackupKey key, OutputStream out) throws IOException {
		MessageDigest sha = sha256();
		long[] size = { 0 };
		OutputStream digesting = new FilterOutputStream(out) {
			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				sha.update(b, off, len);
				size[0] += len;
				out.write(b, off, len);
			}
		};
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(open(source), 1 << 16))) {
			byte[] header = new byte[HEADER];
			try {
				in.readFully(header);
			}
			catch (EOFException ex) {
				throw tampered(source, "shorter than its header");
			}
			if (!Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
				throw tampered(source, "not a Continuum backup file");
			}
			String fileKey = new String(header, 8, 16, StandardCharsets.US_ASCII);
			if (!fileKey.equals(key.id())) {
				throw new BackupException(BackupCode.WRONG_KEY, source + " was encrypted with the key of id " + fileKey
						+ ", but the key file holds the key of id " + key.id() + " (CONTINUUM_BACKUP_KEY_FILE)");
			}
			InflaterOutputStream inflate = new InflaterOutputStream(digesting);
			for (int counter = 0;; counter++) {
				int word;
				try {
					word = in.readInt();
				}
				catch (EOFException ex) {
					throw tampered(source, "cut off after chunk " + counter);
				}
				boolean last = (word & LAST) != 0;
				int length = word & ~LAST;
				if (length < TAG_BITS / 8 || length > CHUNK + 1024) {
					throw tampered(source, "chunk " + counter + " has an impossible length");
				}
				byte[] sealed = new byte[length];
				try {
					in.readFully(sealed);
				}
				catch (EOFException ex) {
					throw tampered(source, "cut off in chunk " + counter);
				}
				inflate.write(open(header, counter, last, sealed, key, source));
				if (last) {
					break;
				}
			}
			if (in.read() != -1) {
				throw tampered(source, "has bytes after its last chunk");
			}
			try {
				inflate.finish();
			}
			catch (java.util.zip.ZipException ex) {
				throw tampered(source, "does not decompress");
			}
		}
		return new Digest(size[0], HexFormat.of().formatHex(sha.digest()));
	}

	/** Decrypts {@code source} into the file {@code target} (flushed to disk). */
	static Digest restore(Path source, Path target, BackupKey key) throws IOException {
		Files.createDirectories(target.getParent());
		try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
			Digest digest = read(source, key, out);
			out.flush();
			channel.force(true);
			return digest;
		}
	}

	private static InputStream open(Path source) throws IOException {
		try {
			return Files.newInputStream(source);
		}
		catch (NoSuchFileException ex) {
			throw new BackupException(BackupCode.FILE_MISMATCH, source + " is missing");
		}
	}

	private static byte[] open(byte[] header, int counter, boolean last, byte[] sealed, BackupKey key, Path source) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce(header, counter)));
			cipher.updateAAD(aad(header, counter, last));
			return cipher.doFinal(sealed);
		}
		catch (AEADBadTagException ex) {
			throw tampered(source, "chunk " + counter + " fails its authentication tag (changed or moved)");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	private static BackupException tampered(Path source, String why) {
		return new BackupException(BackupCode.TAMPERED, source + " does not decrypt: " + why);
	}

	private static byte[] header(String keyId) {
		byte[] header = new byte[HEADER];
		System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
		byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(id, 0, header, 8, 16);
		byte[] prefix = new byte[8];
		RANDOM.nextBytes(prefix);
		System.arraycopy(prefix, 0, header, 24, 8);
		return header;
	}

	static byte[] nonce(byte[] header, int counter) {
		return ByteBuffer.allocate(12).put(header, 24, 8).putInt(counter).array();
	}

	static byte[] aad(byte[] header, int counter, boolean last) {
		return ByteBuffer.allocate(HEADER + 5).put(header).putInt(counter).put((byte) (last ? 1 : 0)).array();
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
