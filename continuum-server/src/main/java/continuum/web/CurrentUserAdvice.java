package continuum.web;

import java.security.Principal;
import java.util.Map;

import continuum.security.AccessControl;
import continuum.security.Interaction;
import continuum.security.Role;
import continuum.security.StaffService;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.stereotype.Controller;

/**
 * Gives every page the signed-in user's name for the layout's sign-out form, since
 * Thymeleaf 3.1 no longer exposes {@code #request} to templates, whether the user manages
 * staff accounts (the navigation's "Staff" link), and whether theirs is a demo account.
 * Only for the application's own controllers: Actuator's endpoints are handler methods
 * too, and the metrics scrape must not query the database (it answers in an outage).
 */
@ControllerAdvice(annotations = Controller.class)
class CurrentUserAdvice {

	private final AccessControl access;

	private final StaffService staff;

	CurrentUserAdvice(AccessControl access, StaffService staff) {
		this.access = access;
		this.staff = staff;
	}

	/**
	 * Whether the signed-in user is one of the demo hospital's accounts, which share one
	 * password (the top bar says so).
	 */
	@ModelAttribute("currentUserIsDemo")
	boolean currentUserIsDemo(@Nullable Principal principal) {
		return principal != null && staff.isDemoAccount(principal.getName());
	}

	@ModelAttribute("currentUsername")
	@Nullable String currentUsername(@Nullable Principal principal) {
		return principal == null ? null : principal.getName();
	}

	/**
	 * What the top bar and the home page offer: only what the role may use (a link that
	 * ends in "not allowed" wastes a night nurse's time and tells an auditor nothing).
	 */
	@ModelAttribute("currentUserMay")
	Map<String, Boolean> currentUserMay(@Nullable Principal principal) {
		if (principal == null) {
			return Map.of();
		}
		Role role = access.currentRole();
		boolean hasRole = role != null;
		return Map.ofEntries(Map.entry("findPatients", access.allows("Patient", Interaction.SEARCH)),
				Map.entry("registerPatients", access.allows("Patient", Interaction.CREATE)),
				Map.entry("seeWards",
						access.allows("Encounter", Interaction.SEARCH)
								&& access.allows("Location", Interaction.SEARCH)),
				Map.entry("seeAppointments", access.allows("Appointment", Interaction.SEARCH)),
				Map.entry("reschedule", access.allows("Appointment", Interaction.CREATE)),
				Map.entry("workInLab", hasRole && role.verifiesLabResults()),
				Map.entry("collectSpecimens", access.allows("Specimen", Interaction.UPDATE)),
				Map.entry("performImaging", hasRole && role.performsImaging()),
				Map.entry("resolveImagingQuarantine", hasRole && role.resolvesImagingQuarantine()),
				Map.entry("manageDicomPeers", hasRole && role.managesDicomPeers()),
				Map.entry("readStudies", access.allows("DiagnosticReport", Interaction.UPDATE)));
	}

	@ModelAttribute("currentUserManagesPlaces")
	boolean currentUserManagesPlaces(@Nullable Principal principal) {
		return principal != null && access.allows("Location", Interaction.CREATE);
	}

	/**
	 * Auditors read the audit log; administrators run its chain check on the same page.
	 */
	@ModelAttribute("currentUserAudits")
	boolean currentUserAudits(@Nullable Principal principal) {
		Role role = access.currentRole();
		return principal != null
				&& (access.allows("AuditEvent", Interaction.SEARCH) || role != null && role.verifiesAuditChain());
	}

	/** The IT team manages incidents (the navigation's "Incidents" link). */
	@ModelAttribute("currentUserManagesIncidents")
	boolean currentUserManagesIncidents(@Nullable Principal principal) {
		Role role = access.currentRole();
		return principal != null && role != null && role.managesIncidents();
	}

	/**
	 * The laboratory and IT roles watch the HL7 interfaces (the navigation's "Interfaces"
	 * link).
	 */
	@ModelAttribute("currentUserMonitorsInterfaces")
	boolean currentUserMonitorsInterfaces(@Nullable Principal principal) {
		Role role = access.currentRole();
		return principal != null && role != null && role.monitorsInterfaces();
	}

	@ModelAttribute("currentUserAdministers")
	boolean currentUserAdministers(@Nullable Principal principal) {
		return principal != null && access.allows("Practitioner", Interaction.UPDATE);
	}

}
