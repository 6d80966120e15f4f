package continuum.imaging.dicomweb;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.function.IntFunction;

import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Tags;
import org.continuum.dicom.data.VR;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * The DICOM JSON Model (PS3.18 Annex F.2): each data set an object keyed by the tag's
 * eight hex digits, each element {@code vr} plus {@code Value} (strings, numbers, person
 * name objects, nested data sets), {@code InlineBinary} (Base64) or {@code BulkDataURI}.
 * The text is UTF-8 whatever the data set's character set, so (0008,0005) is written as
 * ISO_IR 192. File Meta Information (group 0002) is not part of the model.
 */
final class DicomJson {

	/** The media type of DICOM JSON (PS3.18 §8.7.3.3.2). */
	static final String MEDIA_TYPE = "application/dicom+json";

	private DicomJson() {
	}

	/**
	 * Writes one data set; {@code bulkData} answers a URI for elements that are served
	 * apart (pixel data), or null to inline them.
	 */
	static void write(JsonGenerator json, Attributes attributes, IntFunction<@Nullable String> bulkData) {
		json.writeStartObject();
		for (DataElement e : attributes) {
			int tag = e.tag();
			if ((tag >>> 16) == 0x0002 || Tags.isGroupLength(tag)) {
				continue;
			}
			json.writeName(String.format("%08X", tag));
			json.writeStartObject();
			json.writeStringProperty("vr", e.vr().name());
			String uri = e.vr().kind() == VR.Kind.BINARY || e.isFragments() ? bulkData.apply(tag) : null;
			if (uri != null) {
				json.writeStringProperty("BulkDataURI", uri);
			}
			else if (tag == Tag.SpecificCharacterSet) {
				json.writeName("Value");
				json.writeStartArray();
				json.writeString("ISO_IR 192");
				json.writeEndArray();
			}
			else {
				value(json, attributes, e, bulkData);
			}
			json.writeEndObject();
		}
		json.writeEndObject();
	}

	private static void value(JsonGenerator json, Attributes attributes, DataElement e,
			IntFunction<@Nullable String> bulkData) {
		VR vr = e.vr();
		if (e.isSequence()) {
			Sequence items = e.sequence();
			if (items != null && !items.isEmpty()) {
				json.writeName("Value");
				json.writeStartArray();
				for (Attributes item : items) {
					write(json, item, tag -> null);
				}
				json.writeEndArray();
			}
			return;
		}
		if (e.isFragments() || vr.kind() == VR.Kind.BINARY && isBulk(vr)) {
			if (e.bytes().length > 0) {
				json.writeStringProperty("InlineBinary", Base64.getEncoder().encodeToString(e.bytes()));
			}
			return;
		}
		if (e.bytes().length == 0) {
			return;
		}
		json.writeName("Value");
		json.writeStartArray();
		switch (vr) {
			case PN -> {
				for (String v : attributes.getStrings(e.tag())) {
					personName(json, v);
				}
			}
			case IS, DS -> {
				for (String v : attributes.getStrings(e.tag())) {
					number(json, v);
				}
			}
			case AT -> {
				ByteBuffer b = ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN);
				while (b.remaining() >= 4) {
					int group = b.getShort() & 0xFFFF;
					int element = b.getShort() & 0xFFFF;
					json.writeString(String.format("%04X%04X", group, element));
				}
			}
			case SV, UV -> {
				ByteBuffer b = ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN);
				while (b.remaining() >= 8) {
					long v = b.getLong();
					json.writeNumber(vr == VR.UV ? new BigDecimal(Long.toUnsignedString(v)) : BigDecimal.valueOf(v));
				}
			}
			case US, SS, SL -> {
				for (int v : attributes.getInts(e.tag())) {
					json.writeNumber(v);
				}
			}
			case UL -> {
				for (int v : attributes.getInts(e.tag())) {
					json.writeNumber(Integer.toUnsignedLong(v));
				}
			}
			case FL, FD -> {
				for (double v : attributes.getDoubles(e.tag())) {
					json.writeNumber(v);
				}
			}
			default -> {
				for (String v : attributes.getStrings(e.tag())) {
					if (v.isEmpty()) {
						json.writeNull();
					}
					else {
						json.writeString(v);
					}
				}
			}
		}
		json.writeEndArray();
	}

	private static boolean isBulk(VR vr) {
		return vr == VR.OB || vr == VR.OD || vr == VR.OF || vr == VR.OL || vr == VR.OV || vr == VR.OW || vr == VR.UN;
	}

	private static void personName(JsonGenerator json, String value) {
		if (value.isEmpty()) {
			json.writeNull();
			return;
		}
		String[] groups = value.split("=", -1);
		json.writeStartObject();
		String[] names = { "Alphabetic", "Ideographic", "Phonetic" };
		for (int i = 0; i < groups.length && i < 3; i++) {
			if (!groups[i].isEmpty()) {
				json.writeStringProperty(names[i], groups[i]);
			}
		}
		json.writeEndObject();
	}

	/**
	 * IS and DS values as JSON numbers (PS3.18 §F.2.3); an unreadable one as a string.
	 */
	private static void number(JsonGenerator json, String value) {
		String v = value.strip();
		if (v.isEmpty()) {
			json.writeNull();
			return;
		}
		try {
			json.writeNumber(new BigDecimal(v.startsWith("+") ? v.substring(1) : v));
		}
		catch (NumberFormatException ex) {
			json.writeString(v);
		}
	}

}
