package continuum.security;

import java.time.Clock;
import java.util.Optional;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where staff work (ward and department), set by administrators on the staff pages and
 * read by the rule for restricted patients' records. A change is audited as an update of
 * the staff member's Practitioner.
 */
@Service
public class CareUnitService {

	private static final String PRACTITIONER = "Practitioner";

	private final CareUnitRepository units;

	private final StaffRepository staff;

	private final AccessControl access;

	private final AuditService audit;

	private final Clock clock;

	CareUnitService(CareUnitRepository units, StaffRepository staff, AccessControl access, AuditService audit,
			Clock clock) {
		this.units = units;
		this.staff = staff;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The care unit of an account, for an access decision: no check and not audited (no
	 * patient data); empty for an unknown username.
	 */
	@Transactional(readOnly = true)
	public Optional<CareUnit> ofUsername(String username) {
		return units.ofUsername(username);
	}

	/** The care unit of a member of staff, for the staff pages. */
	@Transactional(readOnly = true)
	public CareUnit get(long staffId) {
		access.require(PRACTITIONER, Interaction.READ, Long.toString(staffId), null);
		return units.ofStaff(staffId);
	}

	/** Sets (or clears, with blanks) the ward and department of a member of staff. */
	@Transactional
	public CareUnit set(long staffId, @Nullable String wardCode, @Nullable String department) {
		access.require(PRACTITIONER, Interaction.UPDATE, Long.toString(staffId), null);
		return setUnchecked(staffId, wardCode, department);
	}

	/** As {@link #set}, without the check: for the demo seeder. */
	@Transactional
	public CareUnit setInitial(String username, @Nullable String wardCode, @Nullable String department) {
		long id = units.ofUsername(username)
			.orElseThrow(() -> new StaffNotFoundException("with username " + username))
			.staffId();
		return setUnchecked(id, wardCode, department);
	}

	private CareUnit setUnchecked(long staffId, @Nullable String wardCode, @Nullable String department) {
		String ward = blankToNull(wardCode, 16, "A ward code");
		String unit = blankToNull(department, 64, "A department");
		staff.findById(staffId).orElseThrow(() -> new StaffNotFoundException("with id " + staffId));
		units.set(staffId, ward, unit, clock.instant());
		audit.record(new AuditEntry(AuditAction.UPDATE, PRACTITIONER, Long.toString(staffId), null,
				continuum.audit.AuditOutcome.SUCCESS, "care unit: ward " + (ward == null ? "none" : ward)
						+ ", department " + (unit == null ? "none" : unit)));
		return new CareUnit(staffId, ward, unit);
	}

	private static @Nullable String blankToNull(@Nullable String text, int max, String what) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.strip();
		if (value.length() > max) {
			throw new InvalidInputException(what + " is at most " + max + " characters");
		}
		return value;
	}

}
