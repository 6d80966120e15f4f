package org.continuum.dicom.net.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.DicomOutputStream;
import org.continuum.dicom.io.DicomStreamException;
import org.jspecify.annotations.Nullable;

/**
 * Writes a received C-STORE data set as a Part 10 file (PS3.10 §7): File Meta
 * Information, then the data set bytes exactly as received (never decoded and re-encoded;
 * deflated data sets stay deflated), each network fragment going from the PDU buffer to
 * the file channel without another copy in Java. {@link #writeIndexed} also computes the
 * SHA-256 of the file and parses the attributes before Pixel Data in the same single pass
 * over the bytes, for a PACS that indexes and checksums what it stores.
 */
public final class InstanceFileWriter {

	/**
	 * Parsing stops before the first pixel data element: Float Pixel Data (7FE0,0008),
	 * Double Float Pixel Data (7FE0,0009) or Pixel Data (7FE0,0010).
	 */
	private static final int FIRST_PIXEL_DATA_TAG = 0x7FE00008;

	private InstanceFileWriter() {
	}

	/**
	 * Writes {@code file} (created or truncated) and returns its size; with {@code fsync}
	 * its content is on disk when this returns. On failure the file may be partial: write
	 * to a temporary name and rename.
	 */
	public static long write(StoreRequest request, Path file, boolean fsync) throws IOException {
		try (FileChannel channel = open(file)) {
			var sink = new ChannelSink(channel, null);
			sink.write(fileMetaInformation(request));
			request.dataSet().transferTo(sink);
			if (fsync) {
				channel.force(true);
			}
			return sink.size;
		}
	}

	/**
	 * As {@link #write}, and in the same pass over the bytes: the SHA-256 of the whole
	 * file and the data set's attributes up to (not including) its pixel data — the
	 * patient, study, series and instance keys, Rows, Columns, Number of Frames and the
	 * rest of the header. A data set that cannot be parsed raises
	 * {@link DicomStreamException}.
	 */
	public static WrittenInstance writeIndexed(StoreRequest request, Path file, boolean fsync) throws IOException {
		MessageDigest sha256 = sha256();
		try (FileChannel channel = open(file)) {
			var sink = new ChannelSink(channel, sha256);
			sink.write(fileMetaInformation(request));
			InputStream source = request.dataSet();
			Attributes attributes = DicomInputStream
				.forDataset(new TeeInputStream(source, sink), request.transferSyntax())
				.readDatasetUntil(FIRST_PIXEL_DATA_TAG);
			attributes.remove(Tag.PixelData);
			source.transferTo(sink);
			if (fsync) {
				channel.force(true);
			}
			return new WrittenInstance(attributes, sink.size, sha256.digest());
		}
	}

	private static FileChannel open(Path file) throws IOException {
		return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING);
	}

	private static byte[] fileMetaInformation(StoreRequest request) throws IOException {
		String sopClass = request.sopClassUid();
		String sopInstance = request.sopInstanceUid();
		if (sopClass == null || sopInstance == null) {
			throw new DicomStreamException("C-STORE without Affected SOP Class and Instance UIDs");
		}
		var bytes = new ByteArrayOutputStream(512);
		var dos = new DicomOutputStream(bytes);
		dos.writeFileMetaInformation(
				DicomOutputStream.createFileMetaInformation(sopClass, sopInstance, request.transferSyntax()));
		dos.flush();
		return bytes.toByteArray();
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java platform has SHA-256", e);
		}
	}

	/** Writes to the file channel, and to the digest if any, counting bytes. */
	private static final class ChannelSink extends OutputStream {

		private final FileChannel channel;

		private final @Nullable MessageDigest digest;

		private long size;

		ChannelSink(FileChannel channel, @Nullable MessageDigest digest) {
			this.channel = channel;
			this.digest = digest;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			if (digest != null) {
				digest.update(b, off, len);
			}
			ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			size += len;
		}

	}

	/** Passes every byte read from the source on to the sink, in order. */
	private static final class TeeInputStream extends InputStream {

		private final InputStream source;

		private final OutputStream sink;

		TeeInputStream(InputStream source, OutputStream sink) {
			this.source = source;
			this.sink = sink;
		}

		@Override
		public int read() throws IOException {
			int b = source.read();
			if (b >= 0) {
				sink.write(b);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = source.read(b, off, len);
			if (n > 0) {
				sink.write(b, off, n);
			}
			return n;
		}

	}

}
