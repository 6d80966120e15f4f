package continuum.imaging.dicomweb;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import continuum.audit.AuditAction;
import continuum.platform.NotFoundException;
import continuum.imaging.pacs.PacsStore;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Finds what a WADO-RS request retrieves, for the current caller: the access check, the
 * instances (404 for a UID the index does not serve), and the audit of the retrieve,
 * recorded durably before any byte leaves the server.
 */
@Service
class WadoService {

	/** For retrieves whose media type was settled before the instances were found. */
	static final Consumer<List<StoredInstance>> ANY = all -> {
	};

	private final InstanceRepository instances;

	private final StudyAccess access;

	private final PacsStore store;

	WadoService(InstanceRepository instances, StudyAccess access, PacsStore store) {
		this.instances = instances;
		this.access = access;
		this.store = store;
	}

	/**
	 * The instances retrieved, audited as {@code action} of the study with {@code what}
	 * naming the resource; {@code servable} refuses (406) what cannot be sent before
	 * anything is audited as sent.
	 */
	List<StoredInstance> retrieve(String studyUid, @Nullable String seriesUid, @Nullable String sopInstanceUid,
			AuditAction action, String what, Consumer<List<StoredInstance>> servable) {
		access.requireRead(studyUid);
		List<StoredInstance> found = instances.find(studyUid, seriesUid, sopInstanceUid);
		if (found.isEmpty()) {
			throw new NotFoundException("No " + (sopInstanceUid != null ? "instance " + sopInstanceUid
					: seriesUid != null ? "series " + seriesUid : "study " + studyUid) + " is served here");
		}
		servable.accept(found);
		access.retrieved(action, studyUid, found.get(0).patientId(), what);
		return found;
	}

	/** The Part 10 file of an instance. */
	Path file(StoredInstance instance) {
		return store.fileOf(instance.filePath());
	}

}
