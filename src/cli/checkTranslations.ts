// `npm run check:translations`: lists every translation that has exactly the words of its English
// source, for an editor to review (see src/translations/identicalToEnglish.ts). Exits 1 when it
// lists any, so that it can also guard a deployment; `--quiet` prints only the count.
import { getPayload } from 'payload'

import config from '../../payload.config'
import { findIdenticalTranslations } from '../translations/identicalToEnglish'

const main = async () => {
  const quiet = process.argv.includes('--quiet')
  const payload = await getPayload({ config })
  const found = await findIdenticalTranslations(payload, {
    onProgress: (collection) => {
      if (!quiet) process.stderr.write(`checking ${collection}…\n`)
    },
  })
  if (found.length === 0) {
    console.log('No translation is identical to its English source.')
    return 0
  }
  console.log(
    `${found.length} translated text(s) identical to their English source (stored as the translation, ` +
      `so readers of that language get no fallback and no "outdated" mark). Review each; clear those ` +
      `that are not translations:\n`,
  )
  if (!quiet) {
    for (const item of found) {
      const text = item.text.length > 70 ? `${item.text.slice(0, 70)}…` : item.text
      console.log(
        `  ${item.collection}/${item.id} "${item.title}" · ${item.path} [${item.locale}]: ${text}\n` +
          `    ${payload.config.serverURL ?? ''}/admin/collections/${item.collection}/${item.id}?locale=${item.locale}`,
      )
    }
  }
  return 1
}

// Awaited at the top level: should Node 20's module loader (tsx's hooks) stall on an import, Node
// then exits 13, which the runner retries (src/cli/run.ts), never 0 as if nothing had been found.
const code = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  return 2
})
process.exit(code)
