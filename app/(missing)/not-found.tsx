// This group's own boundary, so the 404 message of its pages is rendered inside its layout's frame.
export { default, generateMetadata } from '../not-found'
