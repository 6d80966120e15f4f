package continuum.fhir;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 6902 Appendix A, example by example (A.1 to A.16), and the failures' kinds. */
class JsonPatchTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static JsonNode json(String text) {
		return JSON.readTree(text.replace('\'', '"'));
	}

	private static JsonNode apply(String document, String patch) {
		return JsonPatch.parse(patch.replace('\'', '"')).apply(json(document));
	}

	private static void assertPatched(String document, String patch, String expected) {
		assertThat(JsonPatch.same(apply(document, patch), json(expected))).as(apply(document, patch).toString())
			.isTrue();
	}

	private static void assertFails(String document, String patch, JsonPatch.Kind kind) {
		assertThatThrownBy(() -> apply(document, patch)).isInstanceOf(JsonPatch.PatchException.class)
			.satisfies(ex -> assertThat(((JsonPatch.PatchException) ex).kind()).isEqualTo(kind));
	}

	@Test
	void a1AddsAnObjectMember() {
		assertPatched("{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux'}]", "{'baz':'qux','foo':'bar'}");
	}

	@Test
	void a2AddsAnArrayElement() {
		assertPatched("{'foo':['bar','baz']}", "[{'op':'add','path':'/foo/1','value':'qux'}]",
				"{'foo':['bar','qux','baz']}");
	}

	@Test
	void a3RemovesAnObjectMember() {
		assertPatched("{'baz':'qux','foo':'bar'}", "[{'op':'remove','path':'/baz'}]", "{'foo':'bar'}");
	}

	@Test
	void a4RemovesAnArrayElement() {
		assertPatched("{'foo':['bar','qux','baz']}", "[{'op':'remove','path':'/foo/1'}]", "{'foo':['bar','baz']}");
	}

	@Test
	void a5ReplacesAValue() {
		assertPatched("{'baz':'qux','foo':'bar'}", "[{'op':'replace','path':'/baz','value':'boo'}]",
				"{'baz':'boo','foo':'bar'}");
	}

	@Test
	void a6MovesAValue() {
		assertPatched("{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
				"[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]",
				"{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}");
	}

	@Test
	void a7MovesAnArrayElement() {
		assertPatched("{'foo':['all','grass','cows','eat']}", "[{'op':'move','from':'/foo/1','path':'/foo/3'}]",
				"{'foo':['all','cows','eat','grass']}");
	}

	@Test
	void a8TestsAValueSuccessfully() {
		assertPatched("{'baz':'qux','foo':['a',2,'c']}",
				"[{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}]",
				"{'baz':'qux','foo':['a',2,'c']}");
	}

	@Test
	void a9FailsATest() {
		assertFails("{'baz':'qux'}", "[{'op':'test','path':'/baz','value':'bar'}]", JsonPatch.Kind.NOT_APPLICABLE);
	}

	@Test
	void a10AddsANestedMemberObject() {
		assertPatched("{'foo':'bar'}", "[{'op':'add','path':'/child','value':{'grandchild':{}}}]",
				"{'foo':'bar','child':{'grandchild':{}}}");
	}

	@Test
	void a11IgnoresUnrecognizedElements() {
		assertPatched("{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux','xyz':123}]",
				"{'foo':'bar','baz':'qux'}");
	}

	@Test
	void a12FailsToAddToANonexistentTarget() {
		assertFails("{'foo':'bar'}", "[{'op':'add','path':'/baz/bat','value':'qux'}]", JsonPatch.Kind.NOT_APPLICABLE);
	}

	@Test
	void a13RefusesADocumentThatGivesOpTwice() {
		assertFails("{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux','op':'remove'}]",
				JsonPatch.Kind.MALFORMED);
	}

	@Test
	void a14ReadsEscapesInOrder() {
		assertPatched("{'/':9,'~1':10}", "[{'op':'test','path':'/~01','value':10}]", "{'/':9,'~1':10}");
	}

	@Test
	void a15ComparesStringsAndNumbersAsDifferent() {
		assertFails("{'/':9,'~1':10}", "[{'op':'test','path':'/~01','value':'10'}]", JsonPatch.Kind.NOT_APPLICABLE);
	}

	@Test
	void a16AddsAnArrayValue() {
		assertPatched("{'foo':['bar']}", "[{'op':'add','path':'/foo/-','value':['abc','def']}]",
				"{'foo':['bar',['abc','def']]}");
	}

	@Test
	void refusesWhatIsNotAPatchAndLeavesTheDocumentAsItWas() {
		assertFails("{}", "{'op':'add'}", JsonPatch.Kind.MALFORMED);
		assertFails("{}", "[{'op':'frobnicate','path':'/a'}]", JsonPatch.Kind.MALFORMED);
		assertFails("{}", "[{'op':'add','path':'a','value':1}]", JsonPatch.Kind.MALFORMED);
		assertFails("{}", "[{'op':'add','path':'/a'}]", JsonPatch.Kind.MALFORMED);
		assertFails("{'a':[1]}", "[{'op':'remove','path':'/a/01'}]", JsonPatch.Kind.NOT_APPLICABLE);
		assertFails("{'a':{'b':1}}", "[{'op':'move','from':'/a','path':'/a/b/c'}]", JsonPatch.Kind.NOT_APPLICABLE);
		JsonNode document = json("{'a':1}");
		assertThatThrownBy(() -> JsonPatch
			.parse("[{\"op\":\"replace\",\"path\":\"/a\",\"value\":2},{\"op\":\"remove\",\"path\":\"/b\"}]")
			.apply(document)).isInstanceOf(JsonPatch.PatchException.class);
		assertThat(document.get("a").asInt()).isEqualTo(1);
		assertThat(JsonPatch.same(json("{'n':1}"), json("{'n':1.0}"))).isTrue();
	}

}
