package continuum.privacy.web;

import java.security.Principal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.patients.PatientId;
import continuum.privacy.BreakGlass;
import continuum.privacy.BreakGlassService;
import continuum.privacy.PrivacyReviewService;
import continuum.privacy.Restriction;
import continuum.privacy.RestrictionService;
import continuum.security.AccessControl;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.stereotype.Controller;

/**
 * Gives every page of a patient ({@code /patients/{id}/...}) the privacy banner the
 * layout shows: the record is restricted (with why, to those it is open to), and, while a
 * break-the-glass opens it, an emergency access banner with its end; and the navigation
 * the privacy officer's link.
 */
@ControllerAdvice(annotations = Controller.class)
class PrivacyBannerAdvice {

	private static final java.time.format.DateTimeFormatter UNTIL = java.time.format.DateTimeFormatter
		.ofPattern("dd/MM/yyyy HH:mm")
		.withZone(java.time.ZoneId.of("Europe/Brussels"));

	private static final Pattern PATIENT_PAGE = Pattern.compile("^/patients/(\\d{1,18})(/.*)?$");

	private final RestrictionService restrictions;

	private final BreakGlassService glasses;

	private final PrivacyReviewService reviews;

	private final AccessControl access;

	PrivacyBannerAdvice(RestrictionService restrictions, BreakGlassService glasses, PrivacyReviewService reviews,
			AccessControl access) {
		this.restrictions = restrictions;
		this.glasses = glasses;
		this.reviews = reviews;
		this.access = access;
	}

	/** What the banner says; {@code kind} only when the record is open to the user. */
	record PrivacyBanner(long patientId, @Nullable String kind, @Nullable String emergencyUntil,
			@Nullable String emergencyReason, boolean mayRestrict) {
	}

	@ModelAttribute("privacyBanner")
	@Nullable PrivacyBanner privacyBanner(HttpServletRequest request, @Nullable Principal principal) {
		if (principal == null) {
			return null;
		}
		Matcher page = PATIENT_PAGE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		if (!page.matches()) {
			return null;
		}
		PatientId patient = new PatientId(Long.parseLong(page.group(1)));
		Restriction restriction = restrictions.of(patient).orElse(null);
		if (restriction == null) {
			return null;
		}
		boolean open = access.patientAccess(patient.asString()).map(a -> a.allowed()).orElse(true);
		BreakGlass glass = glasses.inForce(patient).orElse(null);
		return new PrivacyBanner(patient.value(), open ? restriction.kind().label() : null,
				glass == null ? null : UNTIL.format(glass.expiresAt()), glass == null ? null : glass.reason().label(),
				open && restrictions.mayRestrict());
	}

	/** Physicians and privacy officers restrict records (the chart's link). */
	@ModelAttribute("currentUserRestrictsRecords")
	boolean currentUserRestrictsRecords(@Nullable Principal principal) {
		return principal != null && restrictions.mayRestrict();
	}

	@ModelAttribute("currentUserReviewsPrivacy")
	boolean currentUserReviewsPrivacy(@Nullable Principal principal) {
		return principal != null && reviews.mayReview();
	}

}
