package continuum.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Cuts a compressed stream into chunks of {@link EncryptedFile#CHUNK} bytes, each sealed
 * with AES-256-GCM as {@link EncryptedFile} describes; the last chunk, marked as such, is
 * sealed on {@link #sealLast()}.
 */
final class ChunkSealer extends OutputStream {

	private final OutputStream file;

	private final byte[] header;

	private final BackupKey key;

	private final byte[] buffer = new byte[EncryptedFile.CHUNK];

	private int filled;

	private int counter;

	ChunkSealer(OutputStream file, byte[] header, BackupKey key) {
		this.file = file;
		this.header = header;
		this.key = key;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		while (len > 0) {
			if (filled == EncryptedFile.CHUNK) {
				seal(false);
			}
			int n = Math.min(len, EncryptedFile.CHUNK - filled);
			System.arraycopy(b, off, buffer, filled, n);
			filled += n;
			off += n;
			len -= n;
		}
	}

	void sealLast() throws IOException {
		seal(true);
	}

	private void seal(boolean last) throws IOException {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key.secret(),
					new GCMParameterSpec(EncryptedFile.TAG_BITS, EncryptedFile.nonce(header, counter)));
			cipher.updateAAD(EncryptedFile.aad(header, counter, last));
			byte[] sealed = cipher.doFinal(buffer, 0, filled);
			ByteBuffer word = ByteBuffer.allocate(4).putInt(sealed.length | (last ? EncryptedFile.LAST : 0));
			file.write(word.array());
			file.write(sealed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
		filled = 0;
		counter++;
	}

	@Override
	public void flush() {
		// Chunks are written whole when sealed; the file is flushed by its owner.
	}

}
