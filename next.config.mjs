import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The hub is an API and an admin: no image optimisation or public pages of its own.
  images: { unoptimized: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
