package org.continuum.dicom.data;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A data set (PS3.5 §7): data elements ordered by tag. Values are held as Little Endian
 * bytes and decoded on access, using the VR and the Specific Character Set in force
 * (inherited by sequence items, PS3.5 §7.5.3). Set (0008,0005) before setting text values
 * that need it.
 */
public final class Attributes implements Iterable<DataElement> {

	private final TreeMap<Integer, DataElement> elements = new TreeMap<>(Tags::compare);

	private @Nullable Attributes parent;

	void setParent(@Nullable Attributes parent) {
		this.parent = parent;
	}

	public SpecificCharacterSet specificCharacterSet() {
		DataElement own = elements.get(Tag.SpecificCharacterSet);
		if (own != null) {
			return SpecificCharacterSet
				.of(StringValues.decode(own.bytes(), VR.CS, java.nio.charset.StandardCharsets.ISO_8859_1));
		}
		return parent == null ? SpecificCharacterSet.DEFAULT : parent.specificCharacterSet();
	}

	public @Nullable DataElement get(int tag) {
		return elements.get(tag);
	}

	public boolean contains(int tag) {
		return elements.containsKey(tag);
	}

	public @Nullable VR vr(int tag) {
		DataElement e = elements.get(tag);
		return e == null ? null : e.vr();
	}

	public int size() {
		return elements.size();
	}

	public boolean isEmpty() {
		return elements.isEmpty();
	}

	public @Nullable DataElement remove(int tag) {
		return elements.remove(tag);
	}

	public Collection<DataElement> elements() {
		return Collections.unmodifiableCollection(elements.values());
	}

	@Override
	public Iterator<DataElement> iterator() {
		return elements().iterator();
	}

	public void set(DataElement element) {
		if (element.isSequence()) {
			for (Attributes item : element.sequence()) {
				item.setParent(this);
			}
		}
		elements.put(element.tag(), element);
	}

	/**
	 * Copies all elements of {@code other} into this data set, replacing those with the
	 * same tag.
	 */
	public void addAll(Attributes other) {
		for (DataElement e : other) {
			set(e);
		}
	}

	// --- strings ---

	public @Nullable String getString(int tag) {
		String[] values = getStrings(tag);
		return values.length == 0 ? null : values[0];
	}

	public @Nullable String getString(int tag, @Nullable String defaultValue) {
		String v = getString(tag);
		return v == null || v.isEmpty() ? defaultValue : v;
	}

	/**
	 * All values of a string element, an empty array if absent or empty. Binary VRs are
	 * formatted as numbers.
	 */
	public String[] getStrings(int tag) {
		DataElement e = elements.get(tag);
		if (e == null || e.isSequence() || e.isFragments()) {
			return new String[0];
		}
		VR vr = e.vr();
		if (vr.isString()) {
			var cs = vr.characterSetApplies() ? specificCharacterSet().charset()
					: java.nio.charset.StandardCharsets.ISO_8859_1;
			return StringValues.decode(e.bytes(), vr, cs);
		}
		if (vr == VR.US || vr == VR.SS || vr == VR.UL || vr == VR.SL) {
			return java.util.Arrays.stream(getInts(tag))
				.mapToObj(i -> vr == VR.UL ? Integer.toUnsignedString(i) : Integer.toString(i))
				.toArray(String[]::new);
		}
		if (vr == VR.FL || vr == VR.FD) {
			return java.util.Arrays.stream(getDoubles(tag)).mapToObj(Double::toString).toArray(String[]::new);
		}
		return new String[0];
	}

	public void setString(int tag, VR vr, String... values) {
		if (!vr.isString()) {
			throw new IllegalArgumentException(Tags.toString(tag) + ": " + vr + " is not a string VR");
		}
		var cs = vr.characterSetApplies() ? specificCharacterSet().charset()
				: java.nio.charset.StandardCharsets.ISO_8859_1;
		elements.put(tag, DataElement.ofBytes(tag, vr, StringValues.encode(values, vr, cs)));
	}

	public @Nullable PersonName getPersonName(int tag) {
		String v = getString(tag);
		return v == null ? null : PersonName.parse(v);
	}

	// --- numbers ---

	public int getInt(int tag, int defaultValue) {
		int[] v = getInts(tag);
		return v.length == 0 ? defaultValue : v[0];
	}

	/** Values of US/SS/UL/SL/AT elements, or of IS strings. */
	public int[] getInts(int tag) {
		DataElement e = elements.get(tag);
		if (e == null || e.isSequence() || e.isFragments()) {
			return new int[0];
		}
		if (e.vr() == VR.IS) {
			return java.util.Arrays.stream(getStrings(tag))
				.filter(s -> !s.isEmpty())
				.mapToInt(Integer::parseInt)
				.toArray();
		}
		return BinaryValues.toInts(e.bytes(), e.vr());
	}

	public void setInt(int tag, VR vr, int... values) {
		if (vr == VR.IS) {
			setString(tag, vr, java.util.Arrays.stream(values).mapToObj(Integer::toString).toArray(String[]::new));
			return;
		}
		elements.put(tag, DataElement.ofBytes(tag, vr, BinaryValues.fromInts(values, vr)));
	}

	public double[] getDoubles(int tag) {
		DataElement e = elements.get(tag);
		if (e == null || e.isSequence() || e.isFragments()) {
			return new double[0];
		}
		if (e.vr() == VR.DS) {
			return java.util.Arrays.stream(getStrings(tag))
				.filter(s -> !s.isEmpty())
				.mapToDouble(Double::parseDouble)
				.toArray();
		}
		return BinaryValues.toDoubles(e.bytes(), e.vr());
	}

	public void setDouble(int tag, VR vr, double... values) {
		elements.put(tag, DataElement.ofBytes(tag, vr, BinaryValues.fromDoubles(values, vr)));
	}

	// --- bytes, sequences, fragments ---

	public byte @Nullable [] getBytes(int tag) {
		DataElement e = elements.get(tag);
		return e == null ? null : e.bytes();
	}

	public void setBytes(int tag, VR vr, byte @Nullable [] value) {
		elements.put(tag, DataElement.ofBytes(tag, vr, value));
	}

	public @Nullable Sequence getSequence(int tag) {
		DataElement e = elements.get(tag);
		return e == null ? null : e.sequence();
	}

	/** Creates (or replaces) a sequence element and returns it, empty. */
	public Sequence newSequence(int tag) {
		Sequence sequence = new Sequence(this);
		elements.put(tag, DataElement.ofSequence(tag, sequence));
		return sequence;
	}

	public @Nullable Fragments getFragments(int tag) {
		DataElement e = elements.get(tag);
		return e == null ? null : e.fragments();
	}

	public void setFragments(int tag, VR vr, Fragments fragments) {
		elements.put(tag, DataElement.ofFragments(tag, vr, fragments));
	}

	/**
	 * Same tags with the same values (see {@link DataElement}), recursively through
	 * sequences.
	 */
	@Override
	public boolean equals(@Nullable Object o) {
		if (!(o instanceof Attributes)) {
			return false;
		}
		Attributes other = (Attributes) o;
		if (other.elements.size() != elements.size()) {
			return false;
		}
		Iterator<DataElement> it = other.elements.values().iterator();
		for (DataElement e : elements.values()) {
			if (!e.sameContent(it.next())) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int hashCode() {
		int h = 1;
		for (DataElement e : elements.values()) {
			h = 31 * h + e.contentHash();
		}
		return h;
	}

	/**
	 * Tags, VRs and value sizes only: a data set may hold patient data, which must not
	 * reach logs.
	 */
	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder();
		for (DataElement e : elements.values()) {
			sb.append(e).append('\n');
		}
		return sb.toString();
	}

}
