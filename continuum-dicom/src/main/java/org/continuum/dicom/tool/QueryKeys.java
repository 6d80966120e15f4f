package org.continuum.dicom.tool;

import java.util.List;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.ElementDictionary;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;

/**
 * Matching and return keys from {@code -k Keyword=value} or {@code -k GGGGEEEE=value} (as
 * dcmtk's {@code -k}); a key without {@code =} is a return key. Also the Query/Retrieve
 * information models by name.
 */
final class QueryKeys {

	static final String HELP = """
			  -k KEY[=VALUE]     matching or return key, by keyword (PatientName=Dupont*) or tag (00100010=...);
			                     Sequence[0].Keyword=VALUE for a key in a sequence item
			  --level LEVEL      PATIENT, STUDY (default), SERIES or IMAGE
			  --model MODEL      information model: study (default) or patient root
			""";

	private QueryKeys() {
	}

	static Attributes parse(Options o) throws UsageException {
		Attributes keys = new Attributes();
		keys.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
		keys.setString(Tag.QueryRetrieveLevel, VR.CS, o.get("level", "STUDY"));
		ElementDictionary dictionary = ElementDictionary.standard();
		for (String k : o.all("k")) {
			int eq = k.indexOf('=');
			String path = eq < 0 ? k : k.substring(0, eq);
			String value = eq < 0 ? "" : k.substring(eq + 1);
			Attributes target = keys;
			String name = path;
			int dot = path.indexOf("[0].");
			if (dot > 0) { // Sequence[0].Keyword=value: a key inside the sequence's
							// single item (PS3.4 §C.2.2.2.6)
				int sequenceTag = tagOf(path.substring(0, dot), dictionary);
				Sequence sequence = keys.getSequence(sequenceTag);
				target = sequence != null && !sequence.isEmpty() ? sequence.get(0)
						: keys.newSequence(sequenceTag).addItem();
				name = path.substring(dot + 4);
			}
			put(target, tagOf(name, dictionary), value, dictionary);
		}
		return keys;
	}

	private static int tagOf(String name, ElementDictionary dictionary) throws UsageException {
		if (name.matches("[0-9A-Fa-f]{8}")) {
			return Integer.parseUnsignedInt(name, 16);
		}
		return dictionary.tagOf(name).orElseThrow(() -> new UsageException("unknown keyword " + name));
	}

	private static void put(Attributes target, int tag, String value, ElementDictionary dictionary) {
		VR vr = dictionary.vrOf(tag);
		if (vr == VR.SQ) {
			if (target.getSequence(tag) == null) {
				target.newSequence(tag);
			}
		}
		else if (vr.isString()) {
			target.setString(tag, vr, value.isEmpty() ? new String[0] : value.split("\\\\"));
		}
		else if (value.isEmpty()) {
			target.setBytes(tag, vr, new byte[0]);
		}
		else {
			target.setInt(tag, vr, Integer.parseInt(value));
		}
	}

	static String sopClass(Options o, String patientRoot, String studyRoot) throws UsageException {
		switch (o.get("model", "study")) {
			case "study":
				return studyRoot;
			case "patient":
				return patientRoot;
			case "worklist":
				return Uid.MODALITY_WORKLIST_FIND;
			default:
				throw new UsageException("--model must be study or patient");
		}
	}

	/** One line per element, "keyword = value", for a printed response. */
	static String format(Attributes ds) {
		StringBuilder sb = new StringBuilder();
		for (DataElement e : ds) {
			String keyword = ElementDictionary.standard()
				.keywordOf(e.tag())
				.orElse(org.continuum.dicom.data.Tags.toString(e.tag()));
			String value = e.isSequence() ? "(" + e.sequence().size() + " items)"
					: String.join("\\", ds.getStrings(e.tag()));
			sb.append(keyword).append(" = ").append(value).append('\n');
		}
		return sb.toString();
	}

	static List<String> options() {
		return List.of("k", "level", "model");
	}

}
