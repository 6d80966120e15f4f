package continuum.imaging.pacs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.service.DimseException;
import org.continuum.dicom.net.service.RetrieveInstance;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Query/retrieve on the PACS index (PS3.4 Annex C), Patient Root and Study Root, every
 * level: the C-FIND answers and the instances a C-MOVE or C-GET sends. Only reconciled
 * studies are served. Each answer is audited once per patient it names (a search, or an
 * export for a retrieve), with the calling AE title; not per instance. Relational queries
 * are not supported: a key below the queried level is returned empty and does not match.
 */
@Service
public class PacsQueries {

	private final PacsQueryRepository repository;

	private final InstanceFiles files;

	private final AuditService audit;

	PacsQueries(PacsQueryRepository repository, InstanceFiles files, AuditService audit) {
		this.repository = repository;
		this.files = files;
		this.audit = audit;
	}

	/**
	 * The response identifiers of a C-FIND: the keys asked for, the level's unique key,
	 * Query/Retrieve Level, and Specific Character Set ISO_IR 192 when a value is not
	 * ASCII.
	 * @throws DimseException A900 for a missing or unknown level or an unreadable key
	 */
	@Transactional
	public List<Attributes> find(Attributes keys, String callingAeTitle) throws DimseException {
		QueryLevel level = level(keys);
		List<PacsQueryRepository.Row> rows = repository.find(query(keys, level));
		Set<Long> patients = new LinkedHashSet<>();
		List<Attributes> answers = new ArrayList<>(rows.size());
		for (PacsQueryRepository.Row row : rows) {
			answers.add(answer(keys, level, row));
			if (row.patientId() != null) {
				patients.add(row.patientId());
			}
		}
		auditPerPatient(AuditAction.SEARCH, patients, "C-FIND at " + level + " level from DICOM AE " + callingAeTitle);
		return answers;
	}

	/**
	 * The instances a C-MOVE or C-GET of this identifier sends, each streamed from its
	 * file as stored.
	 * @throws DimseException A900 for a missing or unknown level or an unreadable key
	 */
	@Transactional
	public List<RetrieveInstance> retrieve(Attributes keys, String callingAeTitle, @Nullable String destination)
			throws DimseException {
		QueryLevel level = level(keys);
		List<PacsQueryRepository.Located> located = repository.locate(query(keys, QueryLevel.IMAGE));
		Set<Long> patients = new LinkedHashSet<>();
		List<RetrieveInstance> instances = new ArrayList<>(located.size());
		for (PacsQueryRepository.Located l : located) {
			if (l.patientId() != null) {
				patients.add(l.patientId());
			}
			var file = files.resolve(l.filePath());
			instances.add(new RetrieveInstance(l.sopClassUid(), l.sopInstanceUid(), l.transferSyntaxUid(), () -> {
				var in = java.nio.file.Files.newInputStream(file);
				try {
					var raw = org.continuum.dicom.io.DicomInputStream.openFile(in).rawDataSetStream();
					if (raw == null) {
						throw new java.io.IOException("stored file has no data set: " + l.sopInstanceUid());
					}
					return raw;
				}
				catch (java.io.IOException | RuntimeException ex) {
					in.close();
					throw ex;
				}
			}));
		}
		String detail = (destination == null ? "C-GET" : "C-MOVE to " + destination) + " at " + level
				+ " level from DICOM AE " + callingAeTitle + ", " + instances.size() + " instances";
		auditPerPatient(AuditAction.EXPORT, patients, detail);
		return instances;
	}

	private void auditPerPatient(AuditAction action, Set<Long> patients, String detail) {
		audit.recordAll(patients.stream()
			.map(p -> new AuditEntry(action, "ImagingStudy", null, String.valueOf(p), AuditOutcome.SUCCESS, detail))
			.toList());
	}

	private static QueryLevel level(Attributes keys) throws DimseException {
		return QueryLevel.of(keys.getString(Tag.QueryRetrieveLevel))
			.orElseThrow(() -> new DimseException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
					"Query/Retrieve Level missing or unknown"));
	}

	/**
	 * The identifier's keys that the index matches at {@code level}; keys of lower levels
	 * (relational queries) and keys the index does not hold are not matched.
	 */
	private static IndexQuery query(Attributes keys, QueryLevel level) throws DimseException {
		IndexQuery query = new IndexQuery(level);
		try {
			for (DataElement element : keys) {
				var key = QueryKey.of(element.tag()).orElse(null);
				if (key != null && key.answeredAt(level) && key.match() != QueryKey.Match.NONE) {
					query.match(key, String.join("\\", keys.getStrings(element.tag())));
				}
			}
		}
		catch (InvalidMatchException ex) {
			throw new DimseException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, ex.getMessage());
		}
		return query;
	}

	private static Attributes answer(Attributes keys, QueryLevel level, PacsQueryRepository.Row row) {
		var values = new java.util.LinkedHashMap<Integer, String>();
		var vrs = new java.util.HashMap<Integer, VR>();
		for (DataElement element : keys) {
			int tag = element.tag();
			if (tag == Tag.QueryRetrieveLevel || tag == Tag.SpecificCharacterSet) {
				continue;
			}
			var key = QueryKey.of(tag).filter(k -> k.answeredAt(level));
			vrs.put(tag, key.map(QueryKey::vr).orElse(element.vr()));
			values.put(tag, key.map(k -> text(row.values().get(k))).orElse(""));
		}
		QueryKey unique = QueryKey.uniqueKeyOf(level);
		if (unique != null && !values.containsKey(unique.tag())) {
			vrs.put(unique.tag(), unique.vr());
			values.put(unique.tag(), text(row.values().get(unique)));
		}
		Attributes out = new Attributes();
		boolean ascii = values.values().stream().allMatch(v -> StandardCharsets.US_ASCII.newEncoder().canEncode(v));
		if (!ascii) {
			out.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
		}
		out.setString(Tag.QueryRetrieveLevel, VR.CS, level.name());
		values.forEach((tag, value) -> {
			VR vr = vrs.get(tag);
			if (vr == VR.SQ) {
				out.newSequence(tag);
			}
			else if (value.isEmpty()) {
				out.set(DataElement.ofBytes(tag, vr, null));
			}
			else if (vr == VR.US) {
				out.setInt(tag, vr, Integer.parseInt(value));
			}
			else if (vr.isString()) {
				out.setString(tag, vr, value.split("\\\\"));
			}
			else {
				out.set(DataElement.ofBytes(tag, vr, null));
			}
		});
		return out;
	}

	private static String text(@Nullable Object value) {
		return value == null ? "" : String.join("\\", IndexQuery.strings(value));
	}

}
