package continuum.downtime.viewer;

import continuum.downtime.audit.NodeAudit;
import continuum.downtime.audit.NodeAudit.Action;
import continuum.downtime.audit.NodeAudit.Outcome;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Sign-ins on the node, good and refused, in the node's audit chain. */
@Component
class LoginAuditor {

	private final NodeAudit audit;

	LoginAuditor(NodeAudit audit) {
		this.audit = audit;
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		audit.record(event.getAuthentication().getName(), Action.LOGIN, "Session", null, null, Outcome.SUCCESS,
				"downtime node sign-in");
	}

	/**
	 * A refusal; a demo account refused on a node off loopback is audited where it is
	 * refused ({@link DemoAccountCheck}), with its reason.
	 */
	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		if (event.getException() instanceof DemoAccountCheck.DemoAccountRefusedException) {
			return;
		}
		audit.record(event.getAuthentication().getName(), Action.LOGIN, "Session", null, null, Outcome.DENIED,
				event.getClass().getSimpleName().replace("AuthenticationFailure", "").replace("Event", ""));
	}

}
