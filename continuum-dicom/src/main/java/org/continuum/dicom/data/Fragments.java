package org.continuum.dicom.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Encapsulated pixel data (PS3.5 §A.4): the Basic Offset Table item followed by the
 * compressed fragments, each kept as bytes. Nothing here decodes images.
 */
public final class Fragments {

	private final List<byte[]> items = new ArrayList<>();

	public void add(byte[] fragment) {
		items.add(fragment);
	}

	/** Item 0 is the Basic Offset Table (possibly empty). */
	public byte[] get(int index) {
		return items.get(index);
	}

	public int size() {
		return items.size();
	}

	public List<byte[]> items() {
		return List.copyOf(items);
	}

	@Override
	public boolean equals(@Nullable Object o) {
		if (!(o instanceof Fragments)) {
			return false;
		}
		Fragments other = (Fragments) o;
		if (other.items.size() != items.size()) {
			return false;
		}
		for (int i = 0; i < items.size(); i++) {
			if (!Arrays.equals(items.get(i), other.items.get(i))) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int hashCode() {
		int h = 1;
		for (byte[] item : items) {
			h = 31 * h + Arrays.hashCode(item);
		}
		return h;
	}

}
