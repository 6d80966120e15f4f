package continuum.imaging.dicomweb;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Fragments;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.springframework.http.HttpStatus;

/**
 * The frames of an instance's pixel data (PS3.5 §8): for native (uncompressed) Little
 * Endian encodings the file is read up to Pixel Data and each frame is read where it
 * lies, without loading the others; for encapsulated ones a frame is its fragment(s)
 * (PS3.5 §A.4), for Deflated and Big Endian ones the data set is read whole.
 */
final class PixelFrames {

	/** The data set without its pixel data, and the frames asked for, in order. */
	record Frames(Attributes header, String transferSyntaxUid, boolean encapsulated, List<byte[]> frames) {
	}

	private PixelFrames() {
	}

	/** The data set up to (not including) Pixel Data, and the transfer syntax. */
	static Attributes header(Path file) throws IOException {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
				DicomInputStream dis = DicomInputStream.openFile(in)) {
			return dis.readDatasetUntil(Tag.PixelData);
		}
	}

	/** Frames numbered from 1, as WADO-RS names them (PS3.18 §10.4.1.1.4). */
	static Frames read(Path file, List<Integer> numbers) throws IOException {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
				DicomInputStream dis = DicomInputStream.openFile(in)) {
			String ts = dis.transferSyntaxUid();
			TransferSyntax encoding = TransferSyntax.encodingOf(ts);
			if (encoding.encapsulated()) {
				Attributes all = dis.readDataset();
				Fragments fragments = all.getFragments(Tag.PixelData);
				if (fragments == null) {
					throw noPixelData();
				}
				int count = frameCount(all);
				List<byte[]> frames = new ArrayList<>();
				for (int n : numbers) {
					frames.add(encapsulatedFrame(fragments, count, check(n, count)));
				}
				all.remove(Tag.PixelData);
				return new Frames(all, ts, true, frames);
			}
			if (encoding.deflated() || encoding.bigEndian()) {
				Attributes all = dis.readDataset();
				byte[] pixels = all.getBytes(Tag.PixelData);
				if (pixels == null) {
					throw noPixelData();
				}
				all.remove(Tag.PixelData);
				int size = frameSize(all);
				List<byte[]> frames = new ArrayList<>();
				for (int n : numbers) {
					int at = (check(n, frameCount(all)) - 1) * size;
					frames.add(java.util.Arrays.copyOfRange(pixels, at, at + size));
				}
				return new Frames(all, ts, false, frames);
			}
			Attributes header = dis.readDatasetUntil(Tag.PixelData);
			if (dis.stoppedAtTag() != Tag.PixelData) {
				throw noPixelData();
			}
			int size = frameSize(header);
			int count = frameCount(header);
			java.util.TreeMap<Integer, byte[]> byNumber = new java.util.TreeMap<>();
			numbers.forEach(n -> byNumber.put(check(n, count), null));
			long position = 0;
			for (int n : byNumber.keySet()) {
				long at = (long) (n - 1) * size;
				in.skipNBytes(at - position);
				byNumber.put(n, in.readNBytes(size));
				position = at + size;
			}
			List<byte[]> inAskedOrder = numbers.stream().map(byNumber::get).toList();
			return new Frames(header, ts, false, inAskedOrder);
		}
	}

	static int frameCount(Attributes a) {
		String frames = a.getString(Tag.NumberOfFrames);
		return frames == null || frames.isBlank() ? 1 : Integer.parseInt(frames.strip());
	}

	/** Bytes of one native frame (PS3.5 §8.1.1); packed 1-bit data is not served. */
	static int frameSize(Attributes a) {
		int bits = a.getInt(Tag.BitsAllocated, 0);
		if (bits % 8 != 0 || bits == 0) {
			throw new DicomWebException(HttpStatus.NOT_ACCEPTABLE,
					"frames of " + bits + "-bit pixel data are not served");
		}
		return a.getInt(Tag.Rows, 0) * a.getInt(Tag.Columns, 0) * a.getInt(Tag.SamplesPerPixel, 1) * (bits / 8);
	}

	/**
	 * One frame of encapsulated pixel data: one fragment per frame, all fragments for a
	 * single frame, or the fragments the Basic Offset Table groups (PS3.5 §A.4).
	 */
	private static byte[] encapsulatedFrame(Fragments fragments, int count, int n) {
		int items = fragments.size() - 1;
		if (items == count) {
			return fragments.get(n);
		}
		if (count == 1) {
			return concat(fragments, 1, fragments.size());
		}
		byte[] table = fragments.get(0);
		if (table.length < 4 * count) {
			throw new DicomWebException(HttpStatus.NOT_ACCEPTABLE,
					"the frames of this instance cannot be told apart (no Basic Offset Table)");
		}
		ByteBuffer offsets = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
		long start = Integer.toUnsignedLong(offsets.getInt(4 * (n - 1)));
		long end = n < count ? Integer.toUnsignedLong(offsets.getInt(4 * n)) : Long.MAX_VALUE;
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		long at = 0;
		for (int i = 1; i < fragments.size(); i++) {
			byte[] item = fragments.get(i);
			if (at >= start && at < end) {
				frame.writeBytes(item);
			}
			at += 8 + item.length;
		}
		return frame.toByteArray();
	}

	private static byte[] concat(Fragments fragments, int from, int to) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (int i = from; i < to; i++) {
			all.writeBytes(fragments.get(i));
		}
		return all.toByteArray();
	}

	private static int check(int n, int count) {
		if (n < 1 || n > count) {
			throw new DicomWebException(HttpStatus.NOT_FOUND,
					"frame " + n + " is not one of the instance's " + count + " frame(s)");
		}
		return n;
	}

	private static DicomWebException noPixelData() {
		return new DicomWebException(HttpStatus.NOT_FOUND, "the instance has no pixel data");
	}

}
