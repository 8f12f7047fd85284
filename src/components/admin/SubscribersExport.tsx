// Above the Subscribers list: the whole list as CSV, for admins (src/newsletters/exportEndpoint.ts).
import type { ServerComponentProps } from 'payload'

export const SubscribersExport = ({ payload }: ServerComponentProps) => {
  const api = payload.config.routes.api
  return (
    <p style={{ margin: '0 0 16px' }}>
      <a
        href={`${api}/subscribers.csv`}
        download
        className="btn btn--style-secondary btn--size-small"
      >
        Export all subscribers (CSV)
      </a>{' '}
      <a href={`${api}/subscribers.csv?status=subscribed`} download>
        Only those subscribed
      </a>
    </p>
  )
}
