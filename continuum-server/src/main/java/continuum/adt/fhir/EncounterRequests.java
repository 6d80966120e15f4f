package continuum.adt.fhir;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import continuum.adt.Admission;
import continuum.adt.AdmissionService;
import continuum.adt.BedId;
import continuum.adt.EncounterClass;
import continuum.adt.EncounterId;
import continuum.adt.EncounterService;
import continuum.adt.EncounterStatus;
import continuum.adt.LocationKind;
import continuum.adt.LocationRef;
import continuum.adt.PlannedAdmissionService;
import continuum.fhir.ResourceIds;
import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import continuum.platform.VersionConflictException;
import continuum.security.StaffService;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads what a client asks for in a posted or put Encounter and turns it into an ADT
 * movement: a create is an admission (or a planned one); an update may start a planned
 * admission ({@code in-progress}), discharge ({@code finished}), cancel
 * ({@code cancelled}) or transfer (a new active bed).
 */
@Component
class EncounterRequests {

	private final AdmissionService admissions;

	private final EncounterService encounters;

	private final StaffService staff;

	private final PlannedAdmissionService planning;

	EncounterRequests(AdmissionService admissions, EncounterService encounters, StaffService staff,
			PlannedAdmissionService planning) {
		this.admissions = admissions;
		this.encounters = encounters;
		this.staff = staff;
		this.planning = planning;
	}

	continuum.adt.Encounter admit(Encounter resource) {
		boolean planned = resource.getStatus() == Encounter.EncounterStatus.PLANNED;
		if (resource.hasStatus() && !planned && resource.getStatus() != Encounter.EncounterStatus.INPROGRESS) {
			throw new InvalidInputException(
					"A new encounter is an admission, in-progress or planned, not " + resource.getStatus().toCode());
		}
		Instant at = resource.getPeriod().hasStart() ? resource.getPeriod().getStart().toInstant() : null;
		Admission admission = new Admission(subject(resource), requestedBed(resource).orElse(null),
				encounterClass(resource), EncounterMapper.text(resource.getReasonCodeFirstRep()),
				practitioner(resource), at);
		return planned ? planning.plan(admission) : admissions.admit(admission);
	}

	continuum.adt.Encounter change(EncounterId id, @Nullable Integer expectedVersion, Encounter resource) {
		continuum.adt.Encounter current = encounters.get(id);
		if (resource.hasSubject() && !subject(resource).equals(current.patient())) {
			throw new InvalidInputException("The subject of encounter " + id + " cannot change");
		}
		if (resource.hasClass_() && encounterClass(resource) != current.encounterClass()) {
			throw new InvalidInputException("The class of encounter " + id + " cannot change");
		}
		if (!resource.hasStatus()) {
			throw new InvalidInputException("Encounter.status is required");
		}
		EncounterStatus target = EncounterStatus.ofCode(resource.getStatus().toCode())
			.orElseThrow(() -> new InvalidInputException(
					"Encounter status " + resource.getStatus().toCode() + " is not used here"));
		if (target == current.status()) {
			Optional<BedId> bed = requestedBed(resource);
			boolean moves = target == EncounterStatus.IN_PROGRESS && bed.isPresent()
					&& !bed.equals(current.currentBed().map(stay -> stay.bed().id()));
			if (moves) {
				return admissions.transfer(id, bed.get(), expectedVersion);
			}
			if (expectedVersion != null && expectedVersion != current.version()) {
				throw new VersionConflictException("Encounter " + id + " is at version " + current.version()
						+ ", not the expected version " + expectedVersion);
			}
			return current;
		}
		return switch (target) {
			case FINISHED -> admissions.discharge(id,
					resource.getPeriod().hasEnd() ? resource.getPeriod().getEnd().toInstant() : null, expectedVersion);
			case CANCELLED -> admissions.cancel(id, expectedVersion);
			case IN_PROGRESS -> {
				if (current.status() != EncounterStatus.PLANNED) {
					throw new ConflictException(
							"Encounter " + id + " cannot go from " + current.status().code() + " to in-progress");
				}
				yield planning.start(id, requestedBed(resource).orElse(null), expectedVersion);
			}
			default -> throw new ConflictException(
					"Encounter " + id + " cannot go from " + current.status().code() + " to " + target.code());
		};
	}

	private static PatientId subject(Encounter resource) {
		return new PatientId(ResourceIds.required(resource.getSubject(), "Patient", "Encounter.subject"));
	}

	private static EncounterClass encounterClass(Encounter resource) {
		if (!resource.hasClass_() || !resource.getClass_().hasCode()) {
			throw new InvalidInputException("Encounter.class is required (v3 ActCode IMP, EMER or AMB)");
		}
		String system = resource.getClass_().getSystem();
		if (system != null && !EncounterClass.SYSTEM.equals(system)) {
			throw new InvalidInputException("Encounter.class must use " + EncounterClass.SYSTEM);
		}
		return EncounterClass.ofCode(resource.getClass_().getCode())
			.orElseThrow(() -> new InvalidInputException(
					"Encounter.class " + resource.getClass_().getCode() + " is not one of IMP, EMER, AMB"));
	}

	/** The bed of the last location entry that is active (or planned, or open-ended). */
	private static Optional<BedId> requestedBed(Encounter resource) {
		Optional<BedId> bed = Optional.empty();
		for (Encounter.EncounterLocationComponent location : resource.getLocation()) {
			boolean current = !location.hasStatus() || location.getStatus() == Encounter.EncounterLocationStatus.ACTIVE
					|| location.getStatus() == Encounter.EncounterLocationStatus.PLANNED;
			if (!current || (location.hasPeriod() && location.getPeriod().hasEnd())) {
				continue;
			}
			String id = location.getLocation().getReferenceElement().getIdPart();
			LocationRef ref = id == null ? null : LocationRef.parse(id).orElse(null);
			if (ref == null || ref.kind() != LocationKind.BED) {
				throw new InvalidInputException("Encounter.location must reference a bed (Location/bed-<n>)");
			}
			bed = Optional.of(new BedId(ref.id()));
		}
		return bed;
	}

	private @Nullable String practitioner(Encounter resource) {
		for (Encounter.EncounterParticipantComponent participant : resource.getParticipant()) {
			Reference individual = participant.getIndividual();
			if (individual.hasIdentifier()
					&& EncounterMapper.USERNAME_SYSTEM.equals(individual.getIdentifier().getSystem())) {
				return individual.getIdentifier().getValue();
			}
			if ("Practitioner".equals(individual.getReferenceElement().getResourceType())) {
				OptionalLong id = ResourceIds.reference(individual, "Practitioner");
				if (id.isEmpty()) {
					throw new InvalidInputException("Encounter.participant references an unknown Practitioner");
				}
				try {
					return staff.get(id.getAsLong()).username();
				}
				catch (NotFoundException ex) {
					throw new InvalidInputException("Encounter.participant references an unknown Practitioner");
				}
			}
		}
		return null;
	}

}
