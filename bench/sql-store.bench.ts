// Placeholder until the SQL store benchmark lands.
export async function sqlStoreSection(): Promise<{ text: string; markdown: string }> {
  return { text: '', markdown: '' };
}
