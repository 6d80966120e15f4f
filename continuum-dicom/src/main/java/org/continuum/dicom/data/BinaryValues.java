package org.continuum.dicom.data;

/**
 * Little Endian encoding of the binary VRs (PS3.5 §7.3), and the byte swap that turns
 * Explicit VR Big Endian values into the Little Endian form held in memory.
 */
public final class BinaryValues {

	private BinaryValues() {
	}

	static int[] toInts(byte[] b, VR vr) {
		switch (vr) {
			case US:
			case SS: {
				int[] v = new int[b.length / 2];
				for (int i = 0; i < v.length; i++) {
					int u = (b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8;
					v[i] = vr == VR.SS ? (short) u : u;
				}
				return v;
			}
			case UL:
			case SL:
			case AT: {
				if (vr == VR.AT) {
					int[] v = new int[b.length / 4];
					for (int i = 0; i < v.length; i++) {
						v[i] = (u16(b, 4 * i) << 16) | u16(b, 4 * i + 2);
					}
					return v;
				}
				int[] v = new int[b.length / 4];
				for (int i = 0; i < v.length; i++) {
					v[i] = i32(b, 4 * i);
				}
				return v;
			}
			default:
				throw new IllegalArgumentException("not an integer VR: " + vr);
		}
	}

	static byte[] fromInts(int[] values, VR vr) {
		int size = vr == VR.US || vr == VR.SS ? 2 : 4;
		if (size == 4 && vr != VR.UL && vr != VR.SL && vr != VR.AT) {
			throw new IllegalArgumentException("not an integer VR: " + vr);
		}
		byte[] b = new byte[values.length * size];
		for (int i = 0; i < values.length; i++) {
			int v = values[i];
			if (vr == VR.AT) {
				putU16(b, 4 * i, v >>> 16);
				putU16(b, 4 * i + 2, v);
			}
			else if (size == 2) {
				putU16(b, 2 * i, v);
			}
			else {
				putU16(b, 4 * i, v);
				putU16(b, 4 * i + 2, v >>> 16);
			}
		}
		return b;
	}

	static double[] toDoubles(byte[] b, VR vr) {
		if (vr == VR.FL || vr == VR.OF) {
			double[] v = new double[b.length / 4];
			for (int i = 0; i < v.length; i++) {
				v[i] = Float.intBitsToFloat(i32(b, 4 * i));
			}
			return v;
		}
		if (vr == VR.FD || vr == VR.OD) {
			double[] v = new double[b.length / 8];
			for (int i = 0; i < v.length; i++) {
				long lo = i32(b, 8 * i) & 0xFFFFFFFFL;
				long hi = i32(b, 8 * i + 4) & 0xFFFFFFFFL;
				v[i] = Double.longBitsToDouble(hi << 32 | lo);
			}
			return v;
		}
		throw new IllegalArgumentException("not a floating point VR: " + vr);
	}

	static byte[] fromDoubles(double[] values, VR vr) {
		boolean single = vr == VR.FL || vr == VR.OF;
		if (!single && vr != VR.FD && vr != VR.OD) {
			throw new IllegalArgumentException("not a floating point VR: " + vr);
		}
		byte[] b = new byte[values.length * (single ? 4 : 8)];
		for (int i = 0; i < values.length; i++) {
			if (single) {
				int bits = Float.floatToIntBits((float) values[i]);
				putU16(b, 4 * i, bits);
				putU16(b, 4 * i + 2, bits >>> 16);
			}
			else {
				long bits = Double.doubleToLongBits(values[i]);
				for (int k = 0; k < 8; k++) {
					b[8 * i + k] = (byte) (bits >>> (8 * k));
				}
			}
		}
		return b;
	}

	/**
	 * Reverses the byte order of every value of size {@code vr.valueSize()} in place (AT
	 * swaps its two halves).
	 */
	public static void swap(byte[] b, VR vr) {
		int size = vr.valueSize();
		if (size == 1) {
			return;
		}
		for (int off = 0; off + size <= b.length; off += size) {
			for (int i = 0, j = size - 1; i < j; i++, j--) {
				byte t = b[off + i];
				b[off + i] = b[off + j];
				b[off + j] = t;
			}
		}
	}

	private static int u16(byte[] b, int off) {
		return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
	}

	private static int i32(byte[] b, int off) {
		return u16(b, off) | u16(b, off + 2) << 16;
	}

	private static void putU16(byte[] b, int off, int v) {
		b[off] = (byte) v;
		b[off + 1] = (byte) (v >>> 8);
	}

}
