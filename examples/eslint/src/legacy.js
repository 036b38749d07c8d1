// Plain JavaScript (no type information): recognition is by names only.
export async function purge(client, repo, year) {
  await client.delete({ collection_name: "books", filter: "year < " + year });
  await repo.removeWhere("year < 1900 or true");
  await client.query({ collection_name: "books", filter: `title like "Dune%"` });
}
