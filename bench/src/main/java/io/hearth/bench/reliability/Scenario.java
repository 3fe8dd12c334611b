package io.hearth.bench.reliability;

/** One race, run against a deployment; its people are told apart from other scenarios' by its tag. */
interface Scenario {
    String name();

    Result run(Deployment deployment) throws Exception;

    /**
     * What makes a scenario's people its own: an email domain, a phone area code and a family name
     * and company no other scenario uses (each is a matching key).
     */
    record Tag(String word, String areaCode) {
        String domain() {
            return word + ".reliability.example";
        }

        String familyName() {
            return Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }

        String company(int n) {
            return familyName() + " Co " + n;
        }
    }
}
