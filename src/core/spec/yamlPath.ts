/** A path into a YAML document: map keys and sequence indices, e.g. `['questions', 3, 'id']`. */
export type YamlPath = readonly (string | number)[];
