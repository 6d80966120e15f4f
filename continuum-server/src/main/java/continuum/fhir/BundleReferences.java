package continuum.fhir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The {@code urn:uuid:} (and {@code urn:oid:}) full URLs of a transaction's entries and
 * the references to them (FHIR R4 http.html#trules, bundle.html#references): once an
 * entry is created, every reference to its full URL, in the resources and in the request
 * URLs of the entries processed after it, names the resource the server created. The
 * server assigns ids as it creates, so the creates are ordered so that each comes after
 * the creates it references; references that go round in a circle cannot be resolved this
 * way and are refused (400).
 */
final class BundleReferences {

	private final FhirContext context;

	private final Map<String, String> resolved = new HashMap<>();

	BundleReferences(FhirContext context) {
		this.context = context;
	}

	static boolean isPlaceholder(String url) {
		return url.startsWith("urn:uuid:") || url.startsWith("urn:oid:");
	}

	/** The entry's full URL now names {@code Type/id}. */
	void resolve(String fullUrl, String reference) {
		resolved.put(fullUrl, reference);
	}

	/** Rewrites the references of a resource to full URLs already resolved. */
	void rewrite(Resource resource) {
		for (IBaseReference reference : context.newTerser()
			.getAllPopulatedChildElementsOfType(resource, IBaseReference.class)) {
			String target = reference.getReferenceElement().getValue();
			if (target != null && resolved.containsKey(target)) {
				reference.setReference(resolved.get(target));
			}
		}
	}

	/** A request URL with the full URLs already resolved replaced, plain or encoded. */
	String rewrite(String url) {
		String result = url;
		for (Map.Entry<String, String> entry : resolved.entrySet()) {
			result = result.replace(entry.getKey(), entry.getValue())
				.replace(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8), entry.getValue());
		}
		return result;
	}

	/**
	 * The indexes of the POST entries, each after the POSTs whose full URLs it
	 * references.
	 */
	List<Integer> createOrder(List<Bundle.BundleEntryComponent> entries, List<Integer> posts) {
		Map<String, Integer> byFullUrl = new HashMap<>();
		for (int index : posts) {
			String fullUrl = entries.get(index).getFullUrl();
			if (fullUrl != null && isPlaceholder(fullUrl)) {
				byFullUrl.put(fullUrl, index);
			}
		}
		Map<Integer, Set<Integer>> needs = new HashMap<>();
		for (int index : posts) {
			Set<Integer> dependencies = new LinkedHashSet<>();
			Resource resource = entries.get(index).getResource();
			if (resource != null) {
				for (IBaseReference reference : context.newTerser()
					.getAllPopulatedChildElementsOfType(resource, IBaseReference.class)) {
					Integer target = byFullUrl.get(reference.getReferenceElement().getValue());
					if (target != null && target != index) {
						dependencies.add(target);
					}
				}
			}
			needs.put(index, dependencies);
		}
		List<Integer> order = new ArrayList<>();
		Set<Integer> visiting = new LinkedHashSet<>();
		for (int index : posts) {
			visit(index, needs, order, visiting);
		}
		return order;
	}

	private static void visit(int index, Map<Integer, Set<Integer>> needs, List<Integer> order, Set<Integer> visiting) {
		if (order.contains(index)) {
			return;
		}
		if (!visiting.add(index)) {
			throw new InvalidRequestException("Bundle.entry[" + index + "] is part of a circle of references between "
					+ "created resources " + visiting + "; the server assigns ids as it creates, so create one of "
					+ "them first and update it after");
		}
		for (int dependency : needs.get(index)) {
			visit(dependency, needs, order, visiting);
		}
		visiting.remove(index);
		order.add(index);
	}

}
