package org.continuum.dicom.tool;

import java.util.List;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.ElementDictionary;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;

/**
 * Matching and return keys from {@code -k Keyword=value} or {@code -k GGGGEEEE=value} (as dcmtk's {@code -k}); a
 * key without {@code =} is a return key. Also the Query/Retrieve information models by name.
 */
final class QueryKeys {

    static final String HELP = """
              -k KEY[=VALUE]     matching or return key, by keyword (PatientName=Dupont*) or tag (00100010=...)
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
            String name = eq < 0 ? k : k.substring(0, eq);
            String value = eq < 0 ? "" : k.substring(eq + 1);
            int tag;
            if (name.matches("[0-9A-Fa-f]{8}")) {
                tag = Integer.parseUnsignedInt(name, 16);
            } else {
                tag = dictionary.tagOf(name).orElseThrow(() -> new UsageException("unknown keyword " + name));
            }
            VR vr = dictionary.vrOf(tag);
            if (vr == VR.SQ) {
                keys.newSequence(tag);
            } else if (vr.isString()) {
                keys.setString(tag, vr, value.isEmpty() ? new String[0] : value.split("\\\\"));
            } else if (value.isEmpty()) {
                keys.setBytes(tag, vr, new byte[0]);
            } else {
                keys.setInt(tag, vr, Integer.parseInt(value));
            }
        }
        return keys;
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
            String keyword = ElementDictionary.standard().keywordOf(e.tag()).orElse(
                    org.continuum.dicom.data.Tags.toString(e.tag()));
            String value = e.isSequence() ? "(" + e.sequence().size() + " items)" : String.join("\\", ds.getStrings(e.tag()));
            sb.append(keyword).append(" = ").append(value).append('\n');
        }
        return sb.toString();
    }

    static List<String> options() {
        return List.of("k", "level", "model");
    }
}
