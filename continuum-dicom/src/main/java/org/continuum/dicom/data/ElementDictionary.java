package org.continuum.dicom.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of standard data elements (PS3.6 §6, PS3.7 §E.1): VR, VM and keyword for
 * every tag. Loaded once from {@code dictionary.tsv}, which
 * {@code src/build/java/GenerateDictionary.java} generates from dcmtk's dicom.dic.
 * Private elements are not in it; group lengths and private creators follow from PS3.5
 * rules.
 */
public final class ElementDictionary {

	/**
	 * One registry row. {@code mask} is all ones except for repeating groups such as
	 * (60xx,3000).
	 */
	public record Entry(int tag, int mask, VR vr, String vm, String keyword, boolean retired) {
	}

	private static final ElementDictionary STANDARD = load();

	private final Map<Integer, Entry> byTag;

	private final List<Entry> masked;

	private final Map<String, Entry> byKeyword;

	private ElementDictionary(Map<Integer, Entry> byTag, List<Entry> masked, Map<String, Entry> byKeyword) {
		this.byTag = byTag;
		this.masked = masked;
		this.byKeyword = byKeyword;
	}

	public static ElementDictionary standard() {
		return STANDARD;
	}

	public Optional<Entry> entry(int tag) {
		Entry exact = byTag.get(tag);
		if (exact != null) {
			return Optional.of(exact);
		}
		for (Entry e : masked) {
			if ((tag & e.mask()) == e.tag()) {
				return Optional.of(e);
			}
		}
		return Optional.empty();
	}

	/**
	 * The VR to assume for a tag in Implicit VR encodings (PS3.5 §7.1.3); UN if unknown.
	 */
	public VR vrOf(int tag) {
		if (Tags.isGroupLength(tag)) {
			return VR.UL;
		}
		if (Tags.isPrivateCreator(tag)) {
			return VR.LO;
		}
		return entry(tag).map(Entry::vr).orElse(VR.UN);
	}

	public Optional<String> keywordOf(int tag) {
		return entry(tag).map(Entry::keyword);
	}

	public Optional<Integer> tagOf(String keyword) {
		return Optional.ofNullable(byKeyword.get(keyword)).map(Entry::tag);
	}

	public int size() {
		return byTag.size() + masked.size();
	}

	private static ElementDictionary load() {
		Map<Integer, Entry> byTag = new HashMap<>(8192);
		List<Entry> masked = new ArrayList<>();
		Map<String, Entry> byKeyword = new HashMap<>(8192);
		try (InputStream in = ElementDictionary.class.getResourceAsStream("dictionary.tsv")) {
			if (in == null) {
				throw new IllegalStateException("dictionary.tsv missing from the classpath");
			}
			var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("#")) {
					continue;
				}
				String[] f = line.split("\t", -1);
				var e = new Entry(Integer.parseUnsignedInt(f[0], 16), Integer.parseUnsignedInt(f[1], 16),
						VR.valueOf(f[2]), f[3], f[4], "R".equals(f[5]));
				if (e.mask() == 0xFFFFFFFF) {
					byTag.putIfAbsent(e.tag(), e);
				}
				else {
					masked.add(e);
				}
				byKeyword.putIfAbsent(e.keyword(), e);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("reading dictionary.tsv", e);
		}
		return new ElementDictionary(Map.copyOf(byTag), List.copyOf(masked), Map.copyOf(byKeyword));
	}

}
